import { cache } from "react";
import { requirePageActor } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/permissions";

/** The signed-in actor for this page render, loaded once however many layouts and pages ask. */
export const pageActor = cache(requirePageActor);

/** The actor if they are an admin, or null: admin pages render their 403 for null. */
export async function adminPageActor(): Promise<Actor | null> {
  const actor = await pageActor();
  return actor.isAdmin ? actor : null;
}
