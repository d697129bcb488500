import { z } from 'zod';

// Every environment variable the app and worker read, validated once (CONVENTIONS: zod at every boundary).
// Empty strings count as unset so `.env.example` can list variables without values.
const optional = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const port = (def: number) => z.coerce.number().int().min(1).max(65535).default(def);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalUrl,
  // Where the embedded Postgres keeps its data when DATABASE_URL is unset.
  MAILROOM_DATA_DIR: z.string().default('.data'),
  // localhost, not 127.0.0.1: Next rewrites 127.0.0.1 to localhost in request URLs, and cookies follow the host name.
  APP_URL: z.url().default('http://localhost:3000'),
  AUTH_SECRET: optional,
  // 32-byte keys as base64, "id:key,id:key"; the first one encrypts, all of them decrypt (rotation).
  MAILROOM_ENCRYPTION_KEYS: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_GOOGLE_ID: optional,
  AUTH_GOOGLE_SECRET: optional,
  AUTH_GOOGLE_ISSUER: optionalUrl,
  AUTH_MICROSOFT_ENTRA_ID_ID: optional,
  AUTH_MICROSOFT_ENTRA_ID_SECRET: optional,
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: optionalUrl,
  WORKER_SHUTDOWN_DEADLINE_MS: z.coerce.number().int().positive().default(10_000),
  INBOUND_SMTP_PORT: port(2525),
  // Sync worker (issue 5): backfill window of the initial sync (PRODUCT #17 purges metadata after 60 days anyway).
  SYNC_BACKFILL_DAYS: z.coerce.number().int().min(1).max(3650).default(60),
  SYNC_LEASE_SECONDS: z.coerce.number().int().min(2).max(300).default(20),
  SYNC_IDLE_SECONDS: z.coerce.number().int().min(5).max(1740).default(240),
  SYNC_FLAG_SWEEP_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  SYNC_MAX_MAILBOXES_PER_WORKER: z.coerce.number().int().min(0).max(10_000).default(100),
  // Comma-separated organization ids this worker syncs (sharding, tests); empty means all.
  SYNC_ONLY_ORGANIZATIONS: optional,
  // Domain of each organization's BCC/forward logging address (<logging token>@<this domain>).
  INBOUND_EMAIL_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i).default('log.mailroom.test'),
  // SSRF guard (issue 4): exact addresses/hosts users may point a mailbox at despite the rules (dev/tests: 127.0.0.1).
  MAILROOM_SSRF_ALLOW: optional,
  // "yes" acknowledges an SSRF allow-list in production (refused otherwise).
  MAILROOM_SSRF_ALLOW_IN_PRODUCTION: optional,
  // Extra mail ports beyond 143/993 and 25/465/587/2525 (the local mail world's ports in dev/tests).
  MAILROOM_EXTRA_MAIL_PORTS: optional,
  // "yes" permits security "none" on mail connections outside production.
  MAILROOM_ALLOW_INSECURE_MAIL: optional,
  // PEM file of an extra CA trusted for IMAP/SMTP TLS (the mail world's CA); certificate checks stay on.
  MAILROOM_EXTRA_CA_FILE: optional,
  // Mailbox OAuth (PRODUCT #2), separate from app sign-in. Unset client id: the button explains the setup.
  MAILBOX_GOOGLE_CLIENT_ID: optional,
  MAILBOX_GOOGLE_CLIENT_SECRET: optional,
  MAILBOX_GOOGLE_AUTH_URL: optionalUrl,
  MAILBOX_GOOGLE_TOKEN_URL: optionalUrl,
  MAILBOX_GOOGLE_REVOKE_URL: optionalUrl,
  // "host:port:security" of the provider's IMAP/SMTP for OAuth mailboxes.
  MAILBOX_GOOGLE_IMAP: optional,
  MAILBOX_GOOGLE_SMTP: optional,
  MAILBOX_MICROSOFT_CLIENT_ID: optional,
  MAILBOX_MICROSOFT_CLIENT_SECRET: optional,
  MAILBOX_MICROSOFT_AUTH_URL: optionalUrl,
  MAILBOX_MICROSOFT_TOKEN_URL: optionalUrl,
  MAILBOX_MICROSOFT_REVOKE_URL: optionalUrl,
  MAILBOX_MICROSOFT_IMAP: optional,
  MAILBOX_MICROSOFT_SMTP: optional,
  // Mailbox verification attempts per user per 10 minutes.
  MAILBOX_VERIFY_RATE_LIMIT: z.coerce.number().int().positive().default(10),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

// Refuses to start with a message naming each bad variable.
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    const missing = (['AUTH_SECRET', 'MAILROOM_ENCRYPTION_KEYS'] as const).filter((k) => !env[k]);
    if (missing.length) throw new EnvError(`Missing required environment variable(s) in production: ${missing.join(', ')}`);
  }
  return env;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
