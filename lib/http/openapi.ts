import { z, type ZodType } from "zod";
import { provisioningOpenApiPaths } from "@/lib/provisioning/openapi-paths";
import { notificationsOpenApiPaths } from "@/lib/notifications/openapi-paths";
import { accessLifecycleOpenApiPaths } from "@/lib/access/openapi-paths";
import { auditOpenApiPaths } from "@/lib/audit/openapi-paths";
import { insightsOpenApiPaths } from "@/lib/insights/openapi-paths";
import { createRequestInput } from "@/lib/access/create-request";
import { approveRequestInput } from "@/lib/access/approve-request";
import { rejectRequestInput } from "@/lib/access/reject-request";
import { revokeGrantInput } from "@/lib/access/revoke-grant";
import { forceApproveInput } from "@/lib/access/force-approve-request";
import { listRequestsQuery } from "@/lib/access/list-requests";
import { createUserInput } from "@/lib/admin/create-user";
import { createGroupInput } from "@/lib/admin/create-group";
import { setGroupMembersInput } from "@/lib/admin/set-group-members";
import { groupMemberInput } from "@/lib/admin/group-members";
import { listEventsQuery } from "@/lib/audit/list-events";
import { listReviewsQuery } from "@/lib/access/list-reviews";
import { emergencyReviewsQuery } from "@/lib/access/emergency-reviews";
import { createConnectionInput } from "@/lib/admin/create-connection";
import { connectionSettingsInput } from "@/lib/admin/connection-settings";
import { createTokenInput } from "@/lib/tokens/create-token";

const schema = (s: ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" });

const person = { type: "object", properties: { id: { type: "string" }, email: { type: "string" }, name: { type: ["string", "null"] } } };
const accessRequest = {
  type: "object",
  required: ["id", "status", "connection", "requester", "duration", "durationSeconds", "reason", "createdAt", "groups"],
  properties: {
    id: { type: "string" },
    status: { enum: ["PENDING", "APPROVED", "REJECTED", "REVOKED", "EXECUTED", "EXPIRED"] },
    active: {
      type: "boolean",
      description: "APPROVED and inside its window (not yet past expiresAt). An approved extension is active while the grant it was applied to is live",
    },
    connection: { type: "string" },
    requester: person,
    duration: { type: "string", examples: ["2h", "1h30m"] },
    durationSeconds: { type: "integer" },
    reason: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
    decidedAt: { type: ["string", "null"], format: "date-time" },
    expiresAt: { type: ["string", "null"], format: "date-time", description: "When the access ends; for an approved extension, its grant's current end" },
    extendsRequestId: { type: ["string", "null"], description: "An extension request: the grant it adds time to" },
    appliedTo: {
      type: ["object", "null"],
      description: "An approved extension: the grant it was applied to, and where that grant stands now",
      properties: {
        id: { type: "string" },
        status: { type: "string" },
        active: { type: "boolean" },
        expiresAt: { type: ["string", "null"], format: "date-time" },
        endedAt: { type: ["string", "null"], format: "date-time" },
      },
    },
    groups: {
      type: "array",
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          minApprovals: { type: "integer" },
          satisfied: { type: "boolean" },
          approvals: { type: "array", items: { type: "object", properties: { user: person, at: { type: "string", format: "date-time" } } } },
        },
      },
    },
    events: { type: "array", items: { type: "object" } },
    allowedActions: {
      type: "object",
      description: "What the caller may do now (single-request responses only)",
      properties: {
        canApprove: { type: "boolean" },
        canReject: { type: "boolean" },
        canRevoke: { type: "boolean" },
        canForceApprove: { type: "boolean" },
        approvedByViewer: { type: "boolean" },
      },
    },
    waitingOn: {
      type: "array",
      description: "While PENDING: the groups still short of approvals and members who can approve (single-request responses only)",
      items: {
        type: "object",
        properties: {
          group: { type: "string" },
          needed: { type: "integer" },
          members: { type: "array", items: person },
          more: { type: "integer" },
        },
      },
    },
  },
};
const error = {
  type: "object",
  properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } },
};

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));
const ok = (description: string, s: object = { type: "object" }, status = 200) => ({
  [String(status)]: { description, content: { "application/json": { schema: s } } },
});
const body = (s: ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });
const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const requestRef = { $ref: "#/components/schemas/AccessRequest" };

function queryParams(s: z.ZodObject) {
  return Object.entries(s.shape).map(([name, field]) => ({ name, in: "query", required: false, schema: schema(field as ZodType) }));
}

function decision(summary: string, input: ZodType) {
  return { post: { summary, parameters: [pathParam("id")], requestBody: body(input), responses: { ...ok("The request", requestRef), ...errors(400, 401, 403, 404, 409, 413) } } };
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "Timebox API", version: "1.0.0", description: "Just-in-time access requests. Errors are { error: { code, message } }." },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal API token" } },
      schemas: { AccessRequest: accessRequest, Error: error },
    },
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/access-requests": {
        post: { summary: "Request access", requestBody: body(createRequestInput), responses: { ...ok("Created", requestRef, 201), ...errors(400, 401, 404, 409, 413) } },
        get: {
          summary: "List requests (keyset pagination)",
          parameters: queryParams(listRequestsQuery),
          responses: { ...ok("A page", { type: "object", properties: { items: { type: "array", items: requestRef }, nextCursor: { type: ["string", "null"] } } }), ...errors(400, 401) },
        },
      },
      "/api/v1/access-requests/{id}": { get: { summary: "One request with its timeline", parameters: [pathParam("id")], responses: { ...ok("The request", requestRef), ...errors(401, 404) } } },
      "/api/v1/access-requests/{id}/approve": decision("Approve", approveRequestInput),
      "/api/v1/access-requests/{id}/reject": decision("Reject", rejectRequestInput),
      "/api/v1/access-requests/{id}/revoke": decision("Revoke an active grant (admin)", revokeGrantInput),
      "/api/v1/access-requests/{id}/force-approve": decision("Force approve (admin)", forceApproveInput),
      ...accessLifecycleOpenApiPaths(),
      "/api/v1/connections/{name}/access": {
        get: {
          summary: "Whether the caller (or ?user= for admins) may use the connection now",
          parameters: [pathParam("name"), { name: "user", in: "query", required: false, schema: { type: "string", format: "email" } }],
          responses: { ...ok("Decision", { type: "object", properties: { allowed: { type: "boolean" }, requestId: { type: "string" }, expiresAt: { type: "string" } } }), ...errors(401, 403, 404) },
        },
      },
      "/api/v1/connections": {
        get: { summary: "List connections", responses: { ...ok("Connections"), ...errors(401) } },
        post: { summary: "Create a connection (admin)", requestBody: body(createConnectionInput), responses: { ...ok("Created", {}, 201), ...errors(400, 401, 403, 409) } },
      },
      "/api/v1/connections/{name}": {
        get: { summary: "One connection", parameters: [pathParam("name")], responses: { ...ok("Connection"), ...errors(401, 404) } },
        patch: { summary: "Change JIT settings (admin)", parameters: [pathParam("name")], requestBody: body(connectionSettingsInput), responses: { ...ok("Connection"), ...errors(400, 401, 403, 404) } },
      },
      "/api/v1/users": {
        get: { summary: "List users (admin)", responses: { ...ok("Users"), ...errors(401, 403) } },
        post: { summary: "Create a user (admin)", requestBody: body(createUserInput), responses: { ...ok("Created", {}, 201), ...errors(400, 401, 403, 409) } },
      },
      "/api/v1/users/{id}/tokens": {
        post: { summary: "Mint an API token for a user (admin)", parameters: [pathParam("id")], requestBody: body(createTokenInput), responses: { ...ok("The token, shown once", {}, 201), ...errors(400, 401, 403, 404) } },
      },
      "/api/v1/tokens": {
        get: { summary: "My API tokens", responses: { ...ok("Tokens"), ...errors(401) } },
        post: { summary: "Create my API token", requestBody: body(createTokenInput), responses: { ...ok("The token, shown once", {}, 201), ...errors(400, 401) } },
      },
      "/api/v1/tokens/{id}": { delete: { summary: "Revoke an API token", parameters: [pathParam("id")], responses: { ...ok("Revoked"), ...errors(401, 404) } } },
      "/api/v1/groups": {
        get: { summary: "List groups (admin)", responses: { ...ok("Groups"), ...errors(401, 403) } },
        post: { summary: "Create a group (admin)", requestBody: body(createGroupInput), responses: { ...ok("Created", {}, 201), ...errors(400, 401, 403, 409) } },
      },
      "/api/v1/groups/{name}/members": {
        put: { summary: "Replace a group's members (admin)", parameters: [pathParam("name")], requestBody: body(setGroupMembersInput), responses: { ...ok("Group"), ...errors(400, 401, 403, 404) } },
        post: { summary: "Add one member (admin; idempotent)", parameters: [pathParam("name")], requestBody: body(groupMemberInput), responses: { ...ok("Group"), ...errors(400, 401, 403, 404) } },
      },
      "/api/v1/groups/{name}/members/{email}": {
        delete: { summary: "Remove one member (admin; the last admin stays)", parameters: [pathParam("name"), pathParam("email")], responses: { ...ok("Group"), ...errors(400, 401, 403, 404, 409) } },
      },
      "/api/v1/audit": {
        get: {
          summary: "Audit events, newest first (admins: all; others: events of their own requests)",
          parameters: queryParams(listEventsQuery),
          responses: { ...ok("A page", { type: "object", properties: { items: { type: "array", items: { type: "object" } }, nextCursor: { type: ["string", "null"] } } }), ...errors(400, 401) },
        },
      },
      "/api/v1/reviews": {
        get: {
          summary: "My review queue (tab=queue, oldest first) or what I decided (tab=decided, newest first), each with allowedActions",
          parameters: queryParams(listReviewsQuery),
          responses: { ...ok("A page", { type: "object", properties: { items: { type: "array", items: requestRef }, nextCursor: { type: ["string", "null"] } } }), ...errors(400, 401) },
        },
      },
      "/api/v1/reviews/emergency": {
        get: {
          summary: "Break-glass grants waiting for my post-incident review (not my own; oldest first), with the capped count",
          parameters: queryParams(emergencyReviewsQuery),
          responses: {
            ...ok("A page", { type: "object", properties: { items: { type: "array", items: requestRef }, nextCursor: { type: ["string", "null"] }, count: { type: "integer" } } }),
            ...errors(400, 401),
          },
        },
      },
      ...auditOpenApiPaths(),
      ...insightsOpenApiPaths(),
      ...provisioningOpenApiPaths(),
      ...notificationsOpenApiPaths(),
      "/api/v1/openapi.json": {
        get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } } } },
      },
      "/api/v1/me": {
        get: { summary: "The caller, their groups and how many requests they can review now", responses: { ...ok("Me"), ...errors(401) } },
      },
    },
  };
}
