import { apiRoute, json } from "@/lib/http/api-route";
import { listReviews } from "@/lib/access/list-reviews";

/** The review queue (?tab=queue, oldest first) or what I decided (?tab=decided), with allowed actions per item. */
export const GET = apiRoute(async (c) => json(await listReviews(await c.actor(), c.searchParams())));
