import { apiRoute, json } from "@/lib/http/api-route";
import { revealCredentials } from "@/lib/provisioning/reveal-credentials";

// POST, not GET: revealing is an audited act, never prefetched or cached.
export const POST = apiRoute<{ id: string }>(async (c) => json(await revealCredentials(await c.context(), c.params.id)));
