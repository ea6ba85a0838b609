import { apiRoute, json } from "@/lib/http/api-route";
import { removeGroupMember } from "@/lib/admin/group-members";

/** Path segments may arrive still percent-encoded ("%40" for "@"); decoding twice is harmless for emails. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const DELETE = apiRoute<{ name: string; email: string }>(async (c) =>
  json(await removeGroupMember(await c.context(), c.params.name, decoded(c.params.email))),
);
