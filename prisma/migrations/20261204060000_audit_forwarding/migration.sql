-- Audit forwarding (SIEM) and insights.

CREATE TABLE "app_settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "app_settings_pkey" PRIMARY KEY ("key")
);

-- Serves: insights over a time window (requests per day, time to decision, top requesters).
CREATE INDEX "access_requests_created_at_idx" ON "access_requests"("created_at");

-- When forwarding is on, every audit event, whoever writes it, queues its own delivery in
-- the outbox within the same transaction.
CREATE FUNCTION audit_events_forward() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM app_settings WHERE key = 'audit_forwarding' AND value = 'on') THEN
    INSERT INTO outbox_jobs (id, kind, payload, dedupe_key, request_id)
    VALUES (gen_random_uuid()::text, 'audit.forward', jsonb_build_object('eventId', NEW.id::text),
            'audit.forward:' || NEW.id::text, NEW.request_id);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_events_forward_after_insert
  AFTER INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION audit_events_forward();
