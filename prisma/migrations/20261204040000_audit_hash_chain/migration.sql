-- Tamper-evident audit: each event stores sha256(previous event's hash || its own content).
-- The database computes it on insert, so every writer (the app, bulk inserts, raw SQL) chains.

ALTER TABLE "audit_events" ADD COLUMN "hash" TEXT;

-- The canonical content of an event, shared by the insert trigger and verification.
CREATE FUNCTION audit_event_content(e audit_events) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws(E'\x1f',
    e.id::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    coalesce(e.actor_id, ''), coalesce(e.actor_email, ''), e.action,
    coalesce(e.request_id, ''), coalesce(e.connection_id, ''), e.target_type, e.target_id,
    e.data::text, coalesce(e.ip, ''), coalesce(e.user_agent, ''))
$$;

CREATE FUNCTION audit_event_hash(previous_hash text, e audit_events) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(previous_hash, '') || E'\x1e' || audit_event_content(e), 'UTF8')), 'hex')
$$;

-- Chain links are appended one writer at a time: the lock is held to the end of the
-- inserting transaction, so ids and the chain follow commit order.
CREATE FUNCTION audit_events_chain() RETURNS trigger AS $$
DECLARE
  previous text;
BEGIN
  PERFORM pg_advisory_xact_lock(727003);
  NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  SELECT hash INTO previous FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.hash := audit_event_hash(previous, NEW);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_events_chain_on_insert
  BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();

-- Events written before this migration start the chain in id order.
ALTER TABLE "audit_events" DISABLE TRIGGER audit_events_no_update_or_delete;
DO $$
DECLARE
  r audit_events;
  previous text := NULL;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    previous := audit_event_hash(previous, r);
    UPDATE audit_events SET hash = previous WHERE id = r.id;
  END LOOP;
END $$;
ALTER TABLE "audit_events" ENABLE TRIGGER audit_events_no_update_or_delete;
