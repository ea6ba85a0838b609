import { apiRoute, json } from "@/lib/http/api-route";
import { listEmergencyReviews } from "@/lib/access/emergency-reviews";

/** Break-glass grants waiting for the caller's post-incident review, oldest first. */
export const GET = apiRoute(async (c) => json(await listEmergencyReviews(await c.actor(), c.searchParams())));
