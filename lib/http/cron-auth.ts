import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Cron routes need `Authorization: Bearer $CRON_SECRET`, compared in constant time. No secret configured: always refused. */
export function assertCronAuthorized(request: Request): void {
  const secret = env().CRON_SECRET;
  const given = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!secret || !given || !timingSafeEqual(digest(given), digest(secret))) {
    throw new AppError("unauthenticated", "This route needs Authorization: Bearer <CRON_SECRET>.");
  }
}
