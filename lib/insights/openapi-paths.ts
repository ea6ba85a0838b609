import { insightsQuery } from "@/lib/insights/get-insights";
import { errors, ok, queryParams } from "@/lib/http/openapi-parts";

const count = { type: "integer" };
const list = (properties: Record<string, object>) => ({ type: "array", items: { type: "object", properties } });

const insights = {
  type: "object",
  properties: {
    since: { type: "string", format: "date-time" },
    requestsPerDay: list({ day: { type: "string", examples: ["2026-12-04"] }, status: { type: "string" }, count }),
    timeToDecision: list({ connection: { type: "string" }, decided: count, medianSeconds: count, p90Seconds: count }),
    activeGrants: list({ connection: { type: "string" }, count }),
    topRequesters: list({ email: { type: "string" }, name: { type: ["string", "null"] }, count }),
    topConnections: list({ connection: { type: "string" }, count }),
    emergencies: list({ id: { type: "string" }, connection: { type: "string" }, requester: { type: "string" }, createdAt: { type: "string", format: "date-time" }, reviewed: { type: "boolean" } }),
  },
};

/** Admin insights for GET /api/v1/openapi.json, from the schema the handler uses. */
export function insightsOpenApiPaths() {
  return {
    "/api/v1/insights": {
      get: {
        summary: "Requests per day, time to decision, active grants, top requesters and connections, break-glass grants (admin)",
        description: "Over the last `days` (1 to 365, default 30); time to decision leaves out auto-approved and break-glass requests.",
        parameters: queryParams(insightsQuery),
        responses: { ...ok("The figures", insights), ...errors(400, 401, 403) },
      },
    },
  };
}
