-- Insights from daily rollups (issue 7): requests per day by status, top connections and top
-- requesters read a few rows per day and connection (or requester) instead of every request
-- in the window.
--
-- How they stay exact:
-- * Every statement that inserts, updates or deletes access_requests appends its effect to
--   insight_deltas, in its own transaction (statement-level triggers below): +1 for each fact
--   a row now has, -1 for each it no longer has, summed per key. Appending takes no lock any
--   other transaction waits for, so the rollups add no contention to approvals or the sweep.
-- * The sweep folds the deltas into the rollup tables (fold_insight_deltas(), one folder at
--   a time), so insight_deltas holds only the last few seconds of changes.
-- * A reader sums the rollup rows and the not yet folded deltas of its window: both are in
--   one snapshot, so a fold running meanwhile changes nothing it sees.
--
-- A request's facts, by the UTC day it was created:
--   kind 1: (day, connection, current status) -> request_day_counts
--   kind 2: (day, requester)                  -> requester_day_counts
--
-- Reading a window: rollup days from the first whole UTC day on, plus the partial first day
-- counted from access_requests, which access_requests_created_at_idx (20261204060000) now
-- serves (at most a day of rows).
--
-- Time to decision (median and p90 per connection) needs every value, not counts: the same
-- triggers keep request_decisions, one narrow row per request people decided (not
-- auto-approved, not break-glass) with its time to decision precomputed, keyed by the request
-- (no row is shared between transactions, so nothing to fold and nothing to wait for).

CREATE TABLE "insight_deltas" (
    "id" BIGSERIAL NOT NULL,
    "kind" SMALLINT NOT NULL,
    "day" DATE NOT NULL,
    "connection_id" TEXT,
    "requester_id" TEXT,
    "status" "RequestStatus",
    "n" INTEGER NOT NULL,

    CONSTRAINT "insight_deltas_pkey" PRIMARY KEY ("id")
);

-- Serves: insights adding the not yet folded deltas of one kind within the window.
CREATE INDEX "insight_deltas_kind_day_idx" ON "insight_deltas"("kind", "day");

-- Each primary key leads with the day. Serves: a window's rows (a range of days), and the
-- fold's upsert of one key.
-- request_day_counts serves requests per day by status, and top connections.
CREATE TABLE "request_day_counts" (
    "day" DATE NOT NULL,
    "connection_id" TEXT NOT NULL,
    "status" "RequestStatus" NOT NULL,
    "requests" INTEGER NOT NULL,

    CONSTRAINT "request_day_counts_pkey" PRIMARY KEY ("day", "connection_id", "status")
);

-- requester_day_counts serves top requesters.
CREATE TABLE "requester_day_counts" (
    "day" DATE NOT NULL,
    "requester_id" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,

    CONSTRAINT "requester_day_counts_pkey" PRIMARY KEY ("day", "requester_id")
);

-- Serves: the fold's clean-up of keys whose count fell to zero (a status nobody holds any more).
CREATE INDEX "request_day_counts_zero_idx" ON "request_day_counts"("day") WHERE "requests" = 0;
CREATE INDEX "requester_day_counts_zero_idx" ON "requester_day_counts"("day") WHERE "requests" = 0;

CREATE TABLE "request_decisions" (
    "request_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "connection_id" TEXT NOT NULL,
    "decision_ms" BIGINT NOT NULL,

    CONSTRAINT "request_decisions_pkey" PRIMARY KEY ("request_id")
);

-- Serves: time to decision per connection (median, p90) over a window of created_at.
CREATE INDEX "request_decisions_created_at_idx" ON "request_decisions"("created_at");

-- The facts of one request (inlined into the triggers' queries: one SELECT, STABLE).
CREATE FUNCTION insight_facts(r access_requests)
RETURNS TABLE (kind SMALLINT, day DATE, connection_id TEXT, requester_id TEXT, status "RequestStatus")
LANGUAGE sql STABLE AS $$
  SELECT 1::smallint, r.created_at::date, r.connection_id, NULL::text, r.status
  UNION ALL
  SELECT 2::smallint, r.created_at::date, NULL::text, r.requester_id, NULL::"RequestStatus"
$$;

-- A request's decision by people, if it has one: its request_decisions row.
CREATE FUNCTION insight_decision(r access_requests)
RETURNS TABLE (request_id TEXT, created_at TIMESTAMP(3), connection_id TEXT, decision_ms BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT r.id, r.created_at, r.connection_id, round(extract(epoch FROM r.decided_at - r.created_at) * 1000)::bigint
  WHERE r.decided_at IS NOT NULL AND NOT r.auto_approved AND NOT r.emergency
$$;

CREATE FUNCTION insight_deltas_after_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO insight_deltas (kind, day, connection_id, requester_id, status, n)
  SELECT f.kind, f.day, f.connection_id, f.requester_id, f.status, count(*)::int
  FROM new_rows r CROSS JOIN LATERAL insight_facts(r) f
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO request_decisions SELECT d.* FROM new_rows r CROSS JOIN LATERAL insight_decision(r) d;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Most updates change none of the facts (an expiry moved by an extension, a review note):
-- old and new facts cancel and nothing is appended.
CREATE FUNCTION insight_deltas_after_update() RETURNS trigger AS $$
BEGIN
  INSERT INTO insight_deltas (kind, day, connection_id, requester_id, status, n)
  SELECT kind, day, connection_id, requester_id, status, sum(n)::int
  FROM (
    SELECT f.*, 1 AS n FROM new_rows r CROSS JOIN LATERAL insight_facts(r) f
    UNION ALL
    SELECT f.*, -1 AS n FROM old_rows r CROSS JOIN LATERAL insight_facts(r) f
  ) x
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(n) <> 0;
  -- Decisions: the rows whose decision appeared or changed, and those whose decision went.
  WITH o AS (SELECT d.* FROM old_rows r CROSS JOIN LATERAL insight_decision(r) d),
       n AS (SELECT d.* FROM new_rows r CROSS JOIN LATERAL insight_decision(r) d),
       gone AS (DELETE FROM request_decisions WHERE request_id IN (SELECT request_id FROM o EXCEPT SELECT request_id FROM n))
  INSERT INTO request_decisions SELECT * FROM (SELECT * FROM n EXCEPT SELECT * FROM o) c
  ON CONFLICT (request_id) DO UPDATE
    SET created_at = excluded.created_at, connection_id = excluded.connection_id, decision_ms = excluded.decision_ms;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION insight_deltas_after_delete() RETURNS trigger AS $$
BEGIN
  INSERT INTO insight_deltas (kind, day, connection_id, requester_id, status, n)
  SELECT f.kind, f.day, f.connection_id, f.requester_id, f.status, -count(*)::int
  FROM old_rows r CROSS JOIN LATERAL insight_facts(r) f
  GROUP BY 1, 2, 3, 4, 5;
  DELETE FROM request_decisions WHERE request_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER access_requests_insight_insert AFTER INSERT ON "access_requests"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_deltas_after_insert();
CREATE TRIGGER access_requests_insight_update AFTER UPDATE ON "access_requests"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_deltas_after_update();
CREATE TRIGGER access_requests_insight_delete AFTER DELETE ON "access_requests"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_deltas_after_delete();

-- Moves every visible delta into the rollups in one statement, then drops keys that fell to
-- zero. One folder at a time (another instance's sweep skips it); returns the deltas moved,
-- or -1 when another folder was at it.
CREATE FUNCTION fold_insight_deltas() RETURNS integer AS $$
DECLARE
  moved integer;
  zeros integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(727004) THEN
    RETURN -1;
  END IF;
  WITH d AS (
    DELETE FROM insight_deltas RETURNING kind, day, connection_id, requester_id, status, n
  ), a AS (
    INSERT INTO request_day_counts AS t (day, connection_id, status, requests)
    SELECT day, connection_id, status, sum(n) FROM d WHERE kind = 1 GROUP BY 1, 2, 3
    ON CONFLICT (day, connection_id, status) DO UPDATE SET requests = t.requests + excluded.requests
    RETURNING t.requests
  ), b AS (
    INSERT INTO requester_day_counts AS t (day, requester_id, requests)
    SELECT day, requester_id, sum(n) FROM d WHERE kind = 2 GROUP BY 1, 2
    ON CONFLICT (day, requester_id) DO UPDATE SET requests = t.requests + excluded.requests
    RETURNING t.requests
  )
  SELECT (SELECT count(*) FROM d),
         (SELECT count(*) FROM a WHERE requests = 0) + (SELECT count(*) FROM b WHERE requests = 0)
  INTO moved, zeros;
  IF zeros > 0 THEN
    DELETE FROM request_day_counts WHERE requests = 0;
    DELETE FROM requester_day_counts WHERE requests = 0;
  END IF;
  RETURN moved;
END;
$$ LANGUAGE plpgsql;

-- The requests already there, folded.
INSERT INTO request_day_counts (day, connection_id, status, requests)
SELECT created_at::date, connection_id, status, count(*) FROM access_requests GROUP BY 1, 2, 3;
INSERT INTO requester_day_counts (day, requester_id, requests)
SELECT created_at::date, requester_id, count(*) FROM access_requests GROUP BY 1, 2;
INSERT INTO request_decisions SELECT d.* FROM access_requests r CROSS JOIN LATERAL insight_decision(r) d;
