import { extendGrantInput } from "@/lib/access/extend-grant";
import { acknowledgeEmergencyInput } from "@/lib/access/acknowledge-emergency";
import { body, errors, ok, pathParam, requestRef } from "@/lib/http/openapi-parts";

/** The grant lifecycle endpoints (extend, release, post-incident review) for GET /api/v1/openapi.json, from the schemas the handlers use. */
export function accessLifecycleOpenApiPaths() {
  const id = [pathParam("id")];
  return {
    "/api/v1/access-requests/{id}/extend": {
      post: {
        summary: "Ask for more time on my live grant (the requester)",
        description:
          "The extension is a request of its own, approved under the connection's rule again (auto-approve included); the grant keeps running meanwhile. " +
          "Answers with the extension request: APPROVED at once when auto-approved (its expiresAt is the grant's new end), else PENDING. " +
          "409 when the grant is not live, or with details.existingRequestId when a request for the connection is already pending; " +
          "400 when the duration is malformed, the reason breaks the connection's policy, or the grant would pass its total cap.",
        parameters: id,
        requestBody: body(extendGrantInput),
        responses: { ...ok("The extension request", requestRef, 201), ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    "/api/v1/access-requests/{id}/release": {
      post: {
        summary: "End my grant now (the requester)",
        description: "Access is removed at once, as by a revocation; the request becomes REVOKED with endNote \"Released early by the requester\". No body is read.",
        parameters: id,
        responses: { ...ok("The request, REVOKED", requestRef), ...errors(401, 403, 404, 409) },
      },
    },
    "/api/v1/access-requests/{id}/acknowledge": {
      post: {
        summary: "Post-incident review of a break-glass grant (an approver of the connection or an admin, not its requester)",
        description: "Records the reviewer, the time and the note on the request, once; 409 when the request is not break-glass or was already acknowledged.",
        parameters: id,
        requestBody: body(acknowledgeEmergencyInput),
        responses: { ...ok("The request, reviewed", requestRef), ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
  };
}
