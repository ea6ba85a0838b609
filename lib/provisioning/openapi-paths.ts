import { z, type ZodType } from "zod";
import { provisionerInput, provisionerTestInput } from "@/lib/provisioning/provisioner-config";
import { listGrantsQuery } from "@/lib/provisioning/list-grants";
import { waitQuery } from "@/lib/provisioning/wait-for-request";

/** The provisioning endpoints for GET /api/v1/openapi.json, from the schemas the handlers use. */

const schema = (s: ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: "Error", content: { "application/json": { schema: errorRef } } }]));
const ok = (description: string, s: object) => ({ "200": { description, content: { "application/json": { schema: s } } } });
const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const queryParams = (s: z.ZodObject) =>
  Object.entries(s.shape).map(([name, field]) => ({ name, in: "query", required: false, schema: schema(field as ZodType) }));

const grantStatus = { enum: ["PROVISIONING", "ACTIVE", "FAILED", "DEPROVISIONING", "DEPROVISION_FAILED", "ENDED", null] };
const grant = {
  type: "object",
  description: "Whether approved access really exists on the target.",
  properties: {
    requestId: { type: "string" },
    provisioner: { enum: ["none", "postgres", "webhook"] },
    status: grantStatus,
    summary: { type: "string" },
    role: { type: ["string", "null"] },
    attempts: { type: "integer" },
    lastError: { type: ["string", "null"] },
    lastErrorAt: { type: ["string", "null"], format: "date-time" },
    activatedAt: { type: ["string", "null"], format: "date-time" },
    endReason: { type: ["string", "null"], examples: ["revoked", "expired"] },
    endedAt: { type: ["string", "null"], format: "date-time" },
    terminatedSessions: { type: ["integer", "null"] },
    canReveal: { type: "boolean" },
    canRetry: { enum: ["provision", "deprovision", null] },
  },
};
const credentials = {
  type: "object",
  properties: {
    host: { type: "string" },
    port: { type: "integer" },
    database: { type: "string" },
    user: { type: "string" },
    password: { type: "string" },
    sslMode: { type: ["string", "null"] },
    url: { type: "string" },
    psql: { type: "string", examples: ['psql "postgresql://tb_alice_x:…@db:5432/app"'] },
    expiresAt: { type: "string", format: "date-time" },
  },
};
const provisioner = {
  type: "object",
  description: "A connection's provisioner, without secrets (the admin URL and webhook secret are never returned).",
  properties: {
    connection: { type: "string" },
    kind: { enum: ["none", "postgres", "webhook"] },
    postgres: { type: ["object", "null"] },
    webhook: { type: ["object", "null"] },
    lastTest: { type: ["object", "null"] },
    openGrants: { type: "integer" },
    problem: { type: ["string", "null"] },
    webhookSecret: { type: "string", description: "Only in the PUT response, once, when Timebox generated a new secret" },
  },
};

export function provisioningOpenApiPaths() {
  const id = [pathParam("id")];
  const name = [pathParam("name")];
  return {
    "/api/v1/access-requests/{id}/wait": {
      get: {
        summary: "Long-poll: answers when the request or its grant differs from `since` (or after `timeout` seconds)",
        parameters: [...id, ...queryParams(waitQuery)],
        responses: {
          ...ok("The state", {
            type: "object",
            properties: { changed: { type: "boolean" }, fingerprint: { type: "string" }, request: { $ref: "#/components/schemas/AccessRequest" }, grant },
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    "/api/v1/access-requests/{id}/grant": {
      get: { summary: "The grant's provisioning state (anyone who can see the request)", parameters: id, responses: { ...ok("The grant", grant), ...errors(401, 404) } },
    },
    "/api/v1/access-requests/{id}/grant/retry": {
      post: {
        summary: "Retry a failed provisioning (requester or admin) or removal (admin) now",
        parameters: id,
        responses: { ...ok("The grant", grant), ...errors(401, 403, 404, 409) },
      },
    },
    "/api/v1/access-requests/{id}/credentials": {
      post: {
        summary: "Reveal the connection details of an active postgres grant (the requester only; audited)",
        parameters: id,
        responses: { ...ok("Connection details", credentials), ...errors(401, 403, 404, 409) },
      },
    },
    "/api/v1/connections/{name}/provisioner": {
      get: { summary: "A connection's provisioner (admin)", parameters: name, responses: { ...ok("Provisioner", provisioner), ...errors(401, 403, 404) } },
      put: {
        summary: "Set a connection's provisioner (admin); secrets are stored encrypted",
        parameters: name,
        requestBody: { required: true, content: { "application/json": { schema: schema(provisionerInput) } } },
        responses: { ...ok("Provisioner", provisioner), ...errors(400, 401, 403, 404, 409, 503) },
      },
    },
    "/api/v1/connections/{name}/provisioner/test": {
      post: {
        summary: "Test connection (admin): the values given, or else the stored ones",
        parameters: name,
        requestBody: { required: false, content: { "application/json": { schema: schema(provisionerTestInput) } } },
        responses: { ...ok("Result", { type: "object", properties: { ok: { type: "boolean" }, message: { type: "string" }, at: { type: "string" } } }), ...errors(400, 401, 403, 404) },
      },
    },
    "/api/v1/grants": {
      get: {
        summary: "Grants by provisioning status (admin); ?status=DEPROVISION_FAILED lists access that could not be removed",
        parameters: queryParams(listGrantsQuery),
        responses: { ...ok("Grants", { type: "object", properties: { items: { type: "array", items: { type: "object" } } } }), ...errors(400, 401, 403) },
      },
    },
  };
}
