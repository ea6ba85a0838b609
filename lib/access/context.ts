import type { Actor } from "@/lib/permissions";

export type RequestMeta = { ip?: string; userAgent?: string };

/** Who acts, from where, and when. `now` is injectable so tests can move the clock. */
export type ActionContext = { actor: Actor; meta?: RequestMeta; now?: Date };
