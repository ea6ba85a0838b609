import { db } from "@/lib/db";
import { dispatchJobs } from "@/lib/outbox/dispatch-jobs";
import { PROVISIONING_JOB_KINDS } from "@/lib/provisioning/jobs";
import { call } from "./api-client";
import { makeConnection, makeGroup, makeUser, tokenFor } from "./factories";

/** A connection approved by one group, with a requester, an approver and an admin, each with an API token. */
export async function provisionedWorld(provisioner: Record<string, unknown> | null) {
  const group = await makeGroup();
  const conn = await makeConnection({ groups: [{ group }], autoApproveAdmins: false });
  const requester = await makeUser();
  const approver = await makeUser({ groups: [group] });
  const admin = await makeUser({ admin: true });
  const tokens = { requester: await tokenFor(requester), approver: await tokenFor(approver), admin: await tokenFor(admin) };
  let configured: Record<string, unknown> | null = null;
  if (provisioner) {
    const res = await call("PUT", `/api/v1/connections/${conn.name}/provisioner`, { token: tokens.admin, body: provisioner });
    if (res.status !== 200) throw new Error(`PUT provisioner: ${res.status} ${JSON.stringify(res.body)}`);
    configured = res.body;
  }
  return { group, conn, requester, approver, admin, tokens, configured };
}

export type World = Awaited<ReturnType<typeof provisionedWorld>>;

/** Requests access as the requester and approves it as the approver, through the API. */
export async function requestAndApprove(w: World, duration = "2h"): Promise<string> {
  const created = await call("POST", "/api/v1/access-requests", { token: w.tokens.requester, body: { connection: w.conn.name, duration, reason: "incident 42" } });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const approved = await call("POST", `/api/v1/access-requests/${id}/approve`, { token: w.tokens.approver, body: {} });
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  return id;
}

/** Runs this request's provisioning jobs only (tests share one database). */
export function runGrantJobs(requestId: string, now?: Date) {
  return dispatchJobs({ kinds: PROVISIONING_JOB_KINDS, requestIds: [requestId], ...(now ? { now } : {}) });
}

export async function grantRow(requestId: string) {
  return db().accessGrant.findUniqueOrThrow({ where: { requestId } });
}

/** Every console line and stdout/stderr write while `work` runs. */
export async function captureOutput<T>(work: () => Promise<T>): Promise<{ result: T; output: string }> {
  const lines: string[] = [];
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const originals = methods.map((m) => console[m]);
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  methods.forEach((m) => {
    console[m] = (...args: unknown[]) => void lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  });
  process.stdout.write = ((chunk: unknown) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const result = await work();
    return { result, output: lines.join("\n") };
  } finally {
    methods.forEach((m, i) => (console[m] = originals[i]!));
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
