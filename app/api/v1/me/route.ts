import { apiRoute, json } from "@/lib/http/api-route";
import { countReviewable } from "@/lib/access/count-reviewable";

/** Who the caller is, and how many requests wait for them (the navigation badge). */
export const GET = apiRoute(async (c) => {
  const actor = await c.actor();
  return json({
    id: actor.id,
    email: actor.email,
    name: actor.name,
    isAdmin: actor.isAdmin,
    groups: actor.groupNames,
    reviewableCount: await countReviewable(actor),
  });
});
