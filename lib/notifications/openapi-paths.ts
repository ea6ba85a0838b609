import { z, type ZodType } from "zod";
import { connectionChannelsInput } from "@/lib/notifications/connection-channels";
import { setSlackUserInput } from "@/lib/slack/link-account";

/** The notification endpoints for GET /api/v1/openapi.json, from the schemas the handlers use. */

const schema = (s: ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: "Error", content: { "application/json": { schema: errorRef } } }]));
const ok = (description: string, s: object) => ({ "200": { description, content: { "application/json": { schema: s } } } });
const body = (s: ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });
const pathParam = (name: string, description?: string) => ({ name, in: "path", required: true, schema: { type: "string" }, ...(description ? { description } : {}) });

const channels = {
  type: "object",
  properties: {
    connection: { type: "string" },
    slackChannels: { type: "array", items: { type: "string" } },
    teamsWebhookUrl: { type: ["string", "null"] },
    email: { type: "boolean" },
  },
};

const deadJob = {
  type: "object",
  properties: {
    id: { type: "string" },
    kind: { type: "string" },
    description: { type: "string" },
    attempts: { type: "integer" },
    lastError: { type: ["string", "null"] },
    requestId: { type: ["string", "null"] },
    createdAt: { type: "string", format: "date-time" },
    payload: { type: "object" },
  },
};

export function notificationsOpenApiPaths() {
  return {
    "/api/v1/connections/{name}/channels": {
      get: { summary: "Where a connection's notifications go (admin)", parameters: [pathParam("name")], responses: { ...ok("Channels", channels), ...errors(401, 403, 404) } },
      put: {
        summary: "Set a connection's Slack channels, Teams webhook and email switch (admin); fields left out stay",
        parameters: [pathParam("name")],
        requestBody: body(connectionChannelsInput),
        responses: { ...ok("Channels", channels), ...errors(400, 401, 403, 404) },
      },
    },
    "/api/v1/users/{id}/slack": {
      put: {
        summary: "Link a user to a Slack member id, or unlink with null (admin)",
        parameters: [pathParam("id", "A user id or email")],
        requestBody: body(setSlackUserInput),
        responses: { ...ok("The user's Slack link", { type: "object", properties: { id: { type: "string" }, email: { type: "string" }, slackUserId: { type: ["string", "null"] } } }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/api/v1/outbox/dead-jobs": {
      get: { summary: "Deliveries that used up their retries, newest first (admin)", responses: { ...ok("Dead jobs", { type: "object", properties: { items: { type: "array", items: deadJob } } }), ...errors(401, 403) } },
    },
    "/api/v1/outbox/dead-jobs/{id}/retry": {
      post: { summary: "Send a dead job again with fresh attempts (admin)", parameters: [pathParam("id")], responses: { ...ok("Queued", { type: "object" }), ...errors(401, 403, 404, 409) } },
    },
    "/api/v1/notifications/status": {
      get: { summary: "How Slack and email delivery are set up, outbox counts, linked Slack accounts (admin)", responses: { ...ok("Status", { type: "object" }), ...errors(401, 403) } },
    },
  };
}
