-- The audit chain's hash no longer depends on the session's TimeZone.
--
-- audit_events.at is a timestamp without time zone holding UTC (as Prisma writes it).
-- `at AT TIME ZONE 'UTC'` turned it into a timestamptz, and to_char() of a timestamptz prints
-- it in the session's TimeZone: a session in Europe/Berlin computed other hashes than the one
-- that wrote the events, so verification from such a session reported every event as broken.
-- Formatting the stored UTC value as it is gives, in a UTC session, exactly the text the old
-- definition gave, so every hash written by the app (its sessions run in UTC, lib/db.ts)
-- still verifies.
CREATE OR REPLACE FUNCTION audit_event_content(e audit_events) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT concat_ws(E'\x1f',
    e.id::text, to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    coalesce(e.actor_id, ''), coalesce(e.actor_email, ''), e.action,
    coalesce(e.request_id, ''), coalesce(e.connection_id, ''), e.target_type, e.target_id,
    e.data::text, coalesce(e.ip, ''), coalesce(e.user_agent, ''))
$$;
