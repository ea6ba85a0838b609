import { exportEventsQuery } from "@/lib/audit/export-events";
import { errors, queryParams } from "@/lib/http/openapi-parts";

const auditEvent = {
  type: "object",
  properties: {
    id: { type: "string" },
    at: { type: "string", format: "date-time" },
    actor: { type: ["string", "null"], description: "The actor's email" },
    action: { type: "string", examples: ["request.approved"] },
    requestId: { type: ["string", "null"] },
    connection: { type: ["string", "null"] },
    targetType: { type: "string" },
    targetId: { type: "string" },
    data: { description: "Before/after values and details of the change" },
    ip: { type: ["string", "null"], description: "Admins only" },
    userAgent: { type: ["string", "null"], description: "Admins only" },
  },
};

const chainVerdict = {
  oneOf: [
    {
      type: "object",
      description: "Every event's hash follows from its content and its predecessor",
      required: ["ok", "checked", "lastId"],
      properties: { ok: { const: true }, checked: { type: "integer" }, lastId: { type: ["string", "null"] } },
    },
    {
      type: "object",
      description: "The first event that does not follow: it or an event before it was edited, inserted or deleted",
      required: ["ok", "checked", "firstBrokenId", "at", "action"],
      properties: {
        ok: { const: false },
        checked: { type: "integer" },
        firstBrokenId: { type: "string" },
        at: { type: "string", format: "date-time" },
        action: { type: "string" },
      },
    },
  ],
};

/** The audit export and chain verification for GET /api/v1/openapi.json, from the schemas the handlers use. */
export function auditOpenApiPaths() {
  return {
    "/api/v1/audit/export": {
      get: {
        summary: "The whole audit log as a download, streamed (admins: all; others: events of their own requests)",
        description: "The filters of GET /api/v1/audit, newest first, produced page by page as the reader pulls: JSON Lines (one event per line, the default) or CSV with a header row.",
        parameters: queryParams(exportEventsQuery),
        responses: {
          "200": {
            description: "The events, as an attachment (Content-Disposition: timebox-audit.jsonl or .csv)",
            content: {
              "application/x-ndjson": { schema: auditEvent },
              "text/csv": { schema: { type: "string", description: "Columns: id, at, actor, action, requestId, connection, targetType, targetId, data, ip, userAgent" } },
            },
          },
          ...errors(400, 401),
        },
      },
    },
    "/api/v1/audit/verify": {
      get: {
        summary: "Recompute the audit hash chain and report the first break (admin)",
        responses: { "200": { description: "The verdict", content: { "application/json": { schema: chainVerdict } } }, ...errors(401, 403) },
      },
    },
  };
}
