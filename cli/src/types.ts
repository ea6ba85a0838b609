/** The parts of the REST API v1 responses the CLI reads (see GET /api/v1/openapi.json). */

export type Person = { id?: string; email: string; name: string | null };

export type AccessRequest = {
  id: string;
  status: "PENDING" | "APPROVED" | "REJECTED" | "REVOKED" | "EXECUTED" | "EXPIRED" | string;
  active?: boolean;
  connection: string;
  requester: Person;
  duration: string;
  reason: string;
  createdAt: string;
  decidedAt: string | null;
  expiresAt: string | null;
  /** A scheduled grant opens then (null: at approval). */
  startsAt?: string | null;
  endedAt?: string | null;
  decisionNote?: string | null;
  endNote?: string | null;
  /** An extension request: the grant it adds time to. */
  extendsRequestId?: string | null;
  /** An approved extension: the grant it was applied to (it is live, and ends, with that grant). */
  appliedTo?: { id: string; status: string; active: boolean; expiresAt: string | null } | null;
  autoApproved?: boolean;
  forced?: boolean;
  groups: { name: string; minApprovals: number; satisfied: boolean; approvals: { user: Person; at: string }[] }[];
  events?: { action: string; at: string; actor: string | null; data: Record<string, unknown> }[];
};

export type Grant = {
  requestId: string;
  provisioner: "none" | "postgres" | "webhook";
  status: "PROVISIONING" | "ACTIVE" | "FAILED" | "DEPROVISIONING" | "DEPROVISION_FAILED" | "ENDED" | null;
  summary: string;
  role: string | null;
  attempts: number;
  lastError: string | null;
  canReveal: boolean;
  canRetry: "provision" | "deprovision" | null;
};

export type WaitResult = { changed: boolean; fingerprint: string; request: AccessRequest; grant: Grant };

export type Credentials = {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  sslMode: string | null;
  url: string;
  psql: string;
  expiresAt: string;
};

export type Me = { id: string; email: string; name: string | null; isAdmin: boolean; groups: string[] };
