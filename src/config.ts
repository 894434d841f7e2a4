// Configuration from the environment, validated once at start-up. A bad value stops the server with a message
// that names the variable.
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_PATH: z.string().min(1).default('./data/langnghe.db'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for SQLite at DATABASE_PATH)')
    .optional(),
  DATABASE_BUSY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  SURVEYS_DIR: z.string().min(1).default('./surveys'),
  DEMO: flag.default(true),
  TRUST_PROXY: flag.default(false),
  COOKIE_SECURE: flag.optional(),
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  API_TOKEN_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24 * 30),
  LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(100),
  LOGIN_BLOCK_MINUTES: z.coerce.number().positive().default(15),
  SCRYPT_COST: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1024 && (n & (n - 1)) === 0, 'must be a power of 2, at least 1024')
    .default(32_768),
  KIOSK_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(3),
  KIOSK_MAX_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(120),
  KIOSK_SILENT_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  PUBLIC_RATINGS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(60),
  PUBLIC_RATINGS_PER_COUNTER_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  PUBLIC_RATINGS_BURST_PER_10_MINUTES: z.coerce.number().int().min(1).max(1_000_000).default(40),
  INVITATION_REQUESTS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  RATING_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
});

export interface Config {
  port: number;
  host: string | undefined;
  databasePath: string;
  /** postgres://… when the deployment runs on PostgreSQL; absent, SQLite at databasePath. */
  databaseUrl: string | undefined;
  /** How long a write waits, without blocking the request thread, for another connection's lock (503 after). */
  databaseBusyWaitMs: number;
  surveysDir: string;
  demo: boolean;
  trustProxy: boolean;
  /** Built-in HTTPS for a pilot: PEM files for the certificate (chain) and its private key, both or neither. */
  tls: { certPath: string; keyPath: string } | undefined;
  /**
   * Browsers reach the app over HTTPS (built-in TLS or a TLS-terminating proxy). Only then may the CSP ask them
   * to upgrade insecure requests: on a plain-HTTP LAN address that upgrade breaks every stylesheet and script.
   */
  behindTls: boolean;
  /** Secure cookies: on behind TLS (built-in or TRUST_PROXY) unless COOKIE_SECURE says otherwise. */
  cookieSecure: boolean;
  /** The address phones should open (for the /field QR code); absent, the address the admin's browser used. */
  publicUrl: string | undefined;
  sessionTtlHours: number;
  apiTokenTtlHours: number;
  login: { maxFailuresPerUser: number; maxFailuresPerIp: number; maxFailuresPerAccount: number; blockMinutes: number };
  scryptCost: number;
  kiosk: { minIntervalSeconds: number; maxPerHour: number; silentMinutes: number };
  /**
   * Ratings from citizens' own phones: hard limits (429) per address and per counter, the burst threshold above
   * which a counter's further ratings are held for review, and how long a per-dossier link lives.
   */
  publicRatings: {
    perAddressPerHour: number;
    perCounterPerMinute: number;
    burstPer10Minutes: number;
    /** Saves and submissions on invitation links per address per hour (an office behind one address shares it). */
    invitationsPerAddressPerHour: number;
    linkDays: number;
  };
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined)) {
    throw new Error('Invalid environment configuration:\n  TLS_CERT, TLS_KEY: set both (PEM files) or neither');
  }
  const tls = e.TLS_CERT && e.TLS_KEY ? { certPath: e.TLS_CERT, keyPath: e.TLS_KEY } : undefined;
  const behindTls = e.TRUST_PROXY || tls !== undefined;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    databaseBusyWaitMs: e.DATABASE_BUSY_WAIT_MS,
    surveysDir: e.SURVEYS_DIR,
    demo: e.DEMO,
    trustProxy: e.TRUST_PROXY,
    tls,
    behindTls,
    cookieSecure: e.COOKIE_SECURE ?? behindTls,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    apiTokenTtlHours: e.API_TOKEN_TTL_HOURS,
    login: {
      maxFailuresPerUser: e.LOGIN_MAX_FAILURES_PER_USER,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      blockMinutes: e.LOGIN_BLOCK_MINUTES,
    },
    scryptCost: e.SCRYPT_COST,
    kiosk: {
      minIntervalSeconds: e.KIOSK_MIN_INTERVAL_SECONDS,
      maxPerHour: e.KIOSK_MAX_PER_HOUR,
      silentMinutes: e.KIOSK_SILENT_MINUTES,
    },
    publicRatings: {
      perAddressPerHour: e.PUBLIC_RATINGS_PER_ADDRESS_PER_HOUR,
      perCounterPerMinute: e.PUBLIC_RATINGS_PER_COUNTER_PER_MINUTE,
      burstPer10Minutes: e.PUBLIC_RATINGS_BURST_PER_10_MINUTES,
      invitationsPerAddressPerHour: e.INVITATION_REQUESTS_PER_ADDRESS_PER_HOUR,
      linkDays: e.RATING_LINK_DAYS,
    },
    logLevel: e.LOG_LEVEL,
  });
}
