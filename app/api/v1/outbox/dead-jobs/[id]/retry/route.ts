import { apiRoute, json } from "@/lib/http/api-route";
import { retryDeadJob } from "@/lib/outbox/retry-dead-job";

/** Admin: send a dead job round again with fresh attempts. */
export const POST = apiRoute<{ id: string }>(async (c) => json(await retryDeadJob(await c.context(), c.params.id)));
