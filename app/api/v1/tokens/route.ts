import { apiRoute, json } from "@/lib/http/api-route";
import { createToken } from "@/lib/tokens/create-token";
import { listTokens } from "@/lib/tokens/list-tokens";

export const POST = apiRoute(async (c) => {
  const ctx = await c.context();
  return json(await createToken(ctx, ctx.actor.id, await c.body()), 201);
});

export const GET = apiRoute(async (c) => json({ items: await listTokens(await c.actor()) }));
