import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));

const postgresUrl = z
  .string()
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === "postgresql:" || url.protocol === "postgres:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a postgresql:// URL such as postgresql://user:pass@host:5432/db");

/** 32 bytes as base64 (44 characters) or hex (64 characters): the AES-256-GCM key for secrets at rest. */
const encryptionKey = optionalString.pipe(
  z
    .string()
    .refine(
      (v) => /^[0-9a-fA-F]{64}$/.test(v.trim()) || Buffer.from(v.trim(), "base64").length === 32,
      "must be 32 random bytes, base64 or hex encoded (openssl rand -base64 32)",
    )
    .optional(),
);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: postgresUrl.optional(),
    AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    TIMEBOX_DEMO: flag,
    TIMEBOX_ALLOW_DEMO_IN_PRODUCTION: flag,
    TIMEBOX_PUBLIC_URL: optionalString.pipe(z.url("must be an absolute URL").optional()),
    AUTH_RESEND_KEY: optionalString,
    AUTH_EMAIL_FROM: z.string().default("Timebox <timebox@localhost>"),
    RESEND_BASE_URL: optionalString.pipe(z.url("must be an absolute URL").optional()),
    AUTH_OIDC_ISSUER: optionalString.pipe(z.url("must be the issuer URL").optional()),
    AUTH_OIDC_ID: optionalString,
    AUTH_OIDC_SECRET: optionalString,
    AUTH_OIDC_NAME: z.string().default("Single sign-on"),
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    CRON_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    TIMEBOX_SCHEDULER: flag.default(true),
    TIMEBOX_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
    TIMEBOX_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
    TIMEBOX_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
    TIMEBOX_AUDIT_WEBHOOK_URL: optionalString.pipe(z.url("must be an absolute http(s) URL").optional()),
    TIMEBOX_AUDIT_WEBHOOK_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    TIMEBOX_BOOTSTRAP_ADMIN_TOKEN: optionalString.pipe(
      z.string().min(24, "must be at least 24 characters").optional(),
    ),
    TIMEBOX_BOOTSTRAP_ADMIN_EMAIL: z.email("must be an email address").default("admin@localhost"),
    TIMEBOX_DATA_DIR: z.string().default(".data"),
    // The loopback port of the embedded database (0: any free port), e.g. to open it with psql.
    TIMEBOX_EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    TIMEBOX_ENCRYPTION_KEY: encryptionKey,
    // Notifications (docs/notifications.md).
    SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional()),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_API_URL: optionalString.pipe(z.url("must be an absolute URL").default("https://slack.com/api/")),
    RESEND_API_KEY: optionalString,
    TIMEBOX_REMINDER_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    TIMEBOX_REMINDER_COUNT: z.coerce.number().int().min(0).max(10).default(3),
  })
  .superRefine((env, ctx) => {
    if (env.TIMEBOX_AUDIT_WEBHOOK_URL && !env.TIMEBOX_AUDIT_WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["TIMEBOX_AUDIT_WEBHOOK_SECRET"], message: "is required with TIMEBOX_AUDIT_WEBHOOK_URL (receivers verify the signature)" });
    }
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production (openssl rand -base64 33)" });
    }
    if (env.TIMEBOX_DEMO && env.NODE_ENV === "production" && !env.TIMEBOX_ALLOW_DEMO_IN_PRODUCTION) {
      ctx.addIssue({
        code: "custom",
        path: ["TIMEBOX_DEMO"],
        message:
          "demo sign-in lets anyone act as any user and is refused with NODE_ENV=production; set TIMEBOX_ALLOW_DEMO_IN_PRODUCTION=1 only for a throwaway instance",
      });
    }
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_ID, env.AUTH_OIDC_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: "custom", path: ["AUTH_OIDC_ISSUER"], message: "AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET go together" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new EnvError(`Invalid Timebox configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change settings between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}
