-- An extension request names the grant it adds time to; the key makes that a real reference,
-- so a request's view can carry its grant's state (an approved extension shows as applied to
-- it: live while the grant is, ending when it ends). Requests are never deleted, so RESTRICT.
-- The lookup by extension (a grant's extensions) is served by access_requests_extends_request_id_idx.
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_extends_request_id_fkey" FOREIGN KEY ("extends_request_id") REFERENCES "access_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
