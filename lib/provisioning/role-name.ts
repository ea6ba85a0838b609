/**
 * The login role of one grant: `tb_<who>_<request id>`, e.g. `tb_alice_cmi8x0…`. Unique
 * per grant (the request id), recognisable in pg_stat_activity (the requester), always a
 * plain lowercase identifier well under PostgreSQL's 63-byte limit.
 */
export function roleNameFor(requesterEmail: string, requestId: string): string {
  const who = (requesterEmail.split("@")[0] ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 20);
  const id = requestId.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 32);
  return `tb_${who || "user"}_${id}`;
}
