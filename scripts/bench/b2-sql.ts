/**
 * B2's baselines: the review queue and "my requests" written by hand in SQL, returning the
 * same page (same rows, same order, the same relations the API shows) in one statement each.
 * What the app adds on top of these (Prisma, authentication, JSON or HTML) is the overhead
 * B2 measures.
 */

/** A request page row with its connection, requester, approval groups and approvals. */
const PAGE_SELECT = `
  SELECT r.*, c.name AS connection_name, c.type AS connection_type,
    json_build_object('id', u.id, 'email', u.email, 'name', u.name) AS requester,
    (SELECT coalesce(json_agg(json_build_object('group_id', g.group_id, 'group_name', g.group_name, 'min_approvals', g.min_approvals) ORDER BY g.group_name), '[]')
       FROM request_groups g WHERE g.request_id = r.id) AS groups,
    (SELECT coalesce(json_agg(json_build_object('user_id', a.user_id, 'email', au.email, 'name', au.name, 'comment', a.comment,
              'counted_groups', a.counted_groups, 'forced', a.forced, 'created_at', a.created_at) ORDER BY a.created_at), '[]')
       FROM approvals a JOIN users au ON au.id = a.user_id WHERE a.request_id = r.id) AS approvals
  FROM page r
  JOIN connections c ON c.id = r.connection_id
  JOIN users u ON u.id = r.requester_id`;

/**
 * Pending requests needing one of the caller's groups, not theirs, not yet approved by
 * them; oldest first. $1 user id, $2 group ids, $3 limit.
 */
export const REVIEWABLE_SQL = `
  WITH page AS (
    SELECT r.* FROM access_requests r
    WHERE r.status = 'PENDING' AND r.requester_id <> $1
      AND EXISTS (SELECT 1 FROM request_groups g WHERE g.request_id = r.id AND g.group_id = ANY($2::text[]))
      AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = r.id AND a.user_id = $1)
    ORDER BY r.created_at, r.id
    LIMIT $3)
  ${PAGE_SELECT}
  ORDER BY r.created_at, r.id`;

/** The caller's own requests, newest first, optionally one status. $1 user id, $2 limit, $3 status or null. */
export const MINE_SQL = `
  WITH page AS (
    SELECT r.* FROM access_requests r
    WHERE r.requester_id = $1 AND ($3::"RequestStatus" IS NULL OR r.status = $3::"RequestStatus")
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT $2)
  ${PAGE_SELECT}
  ORDER BY r.created_at DESC, r.id DESC`;

/** Requests the caller approved or decided, newest first (the review page's second tab). $1 user id, $2 limit. */
export const DECIDED_SQL = `
  WITH page AS (
    SELECT r.* FROM access_requests r
    WHERE EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = r.id AND a.user_id = $1) OR r.decided_by_id = $1
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT $2)
  ${PAGE_SELECT}
  ORDER BY r.created_at DESC, r.id DESC`;

/** The navigation badge: the review queue's size, counted up to 100. $1 user id, $2 group ids. */
export const REVIEWABLE_COUNT_SQL = `
  SELECT count(*)::int AS n FROM (
    SELECT 1 FROM access_requests r
    WHERE r.status = 'PENDING' AND r.requester_id <> $1
      AND EXISTS (SELECT 1 FROM request_groups g WHERE g.request_id = r.id AND g.group_id = ANY($2::text[]))
      AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = r.id AND a.user_id = $1)
    LIMIT 100) t`;

/** Who is signed in: the user and their groups. $1 user id. */
export const ACTOR_SQL = `
  SELECT u.id, u.email, u.name, coalesce(array_agg(g.id) FILTER (WHERE g.id IS NOT NULL), '{}') AS group_ids
  FROM users u LEFT JOIN group_members m ON m.user_id = u.id LEFT JOIN groups g ON g.id = m.group_id
  WHERE u.id = $1 GROUP BY u.id`;
