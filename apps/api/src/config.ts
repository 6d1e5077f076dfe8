import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { z } from "zod";
import { ROLES, type Role } from "@greentape/domain/roles";
import { NoteFormatError, parseSignerKey, parseVerifierKey, type SignerKey, type VerifierKey } from "@greentape/log/note";

const booleanFromEnv = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** A value the log's key parsers refuse becomes one zod issue naming the variable. */
function logKey<T>(parse: (text: string) => T) {
  return (text: string, context: z.RefinementCtx): T => {
    try {
      return parse(text);
    } catch (error) {
      context.addIssue({ code: "custom", message: error instanceof NoteFormatError ? error.message : "is not a valid key" });
      return z.NEVER;
    }
  };
}

/** What Fastify's trustProxy (proxy-addr) takes: an address, a CIDR block, or one of its named ranges. */
function isProxyAddress(entry: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** A comma-separated list of roles; empty means none. */
const roleList = z
  .string()
  .transform((text) => text.split(",").map((entry) => entry.trim()).filter((entry) => entry !== ""))
  .refine((entries) => entries.every((entry) => (ROLES as readonly string[]).includes(entry)), `must be a comma-separated list of roles from ${ROLES.join(", ")}`)
  .transform((entries) => entries as Role[]);

/** The roles that handle money, audit or accounts: a password alone is not enough for them (OWASP ASVS level 2). */
const OFFICE_ROLES: Role[] = ["supervisor", "auditor", "finance", "admin"];

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(20),
  SEED_DEMO: booleanFromEnv.optional(),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  COOKIE_SECURE: booleanFromEnv.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TIME_ZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-GB", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Europe/London")
    .default("Europe/London"),
  MAX_SPEND_AGE_DAYS: z.coerce.number().int().min(1).max(366).default(60),
  COUNCIL_NAME: z.string().min(1).default("Demo Borough Council"),
  // E99999999 is a pseudo code in the GSS pattern that names no real council: for the demo only.
  ORGANISATION_CODE: z
    .string()
    .regex(/^[ENSW]\d{8}$/, "must be the council's ONS GSS code, a letter E, N, S or W and eight digits, such as E09000033")
    .default("E99999999"),
  TRUST_PROXY: z
    .string()
    .transform((text) => text.split(",").map((entry) => entry.trim()).filter((entry) => entry !== ""))
    .refine((entries) => entries.every(isProxyAddress), "must be a comma-separated list of addresses or CIDR blocks, such as 10.0.0.5,192.168.0.0/16")
    .optional(),
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(100),
  LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_LIMIT_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  REFRESH_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(30),
  WEB_DIST: z.string().optional(),
  LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, "must be one word with no spaces or plus signs, such as spend.example.gov.uk/log")
    .default("localhost/green-tape"),
  LOG_SIGNING_KEY: z.string().transform(logKey(parseSignerKey)).optional(),
  LOG_PREVIOUS_KEYS: z
    .string()
    .transform(logKey((text) => text.split(",").filter((k) => k.trim() !== "").map(parseVerifierKey)))
    .optional(),
  LOG_WITNESS_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_SEALING: booleanFromEnv.default(true),
  LOG_SEAL_POLL_MS: z.coerce.number().int().min(10).max(1000).default(200),
  JOB_QUEUE: z.enum(["auto", "in-process", "off"]).default("auto"),
  MFA_REQUIRED_ROLES: roleList.optional(),
  MFA_ENCRYPTION_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  PASSWORD_SIGN_IN_OFF_ROLES: roleList.optional(),
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL, such as smtp://user:pass@mail.example.org:587" }).optional(),
  MAIL_FROM: z.string().min(3).max(254).default("Green Tape <no-reply@localhost>"),
  APP_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL, such as https://spend.example.gov.uk" }).optional(),
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, "must be a base64url P-256 public key (npx web-push generate-vapid-keys)").optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, "must be a base64url P-256 private key (npx web-push generate-vapid-keys)").optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)\S+$/, "must be a mailto: or https:// URL").default("mailto:no-reply@localhost"),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** The tables' owner, for migrations only, when the app itself runs as the restricted greentape_app role. */
  migrationDatabaseUrl: string | undefined;
  /** Connections this instance keeps to PostgreSQL (the embedded database has one). */
  databasePoolSize: number;
  dataDir: string;
  seedDemo: boolean;
  jwtSecret: string;
  /** True when no JWT_SECRET was set: tokens then last only as long as this process. */
  jwtSecretGenerated: boolean;
  cookieSecure: boolean;
  logLevel: string;
  timeZone: string;
  maxSpendAgeDays: number;
  councilName: string;
  /** The council's ONS GSS code: the transparency file's Organisation code. */
  organisationCode: string;
  loginLimits: { perIp: number; perAccount: number; windowMs: number };
  /** The proxies whose X-Forwarded-For is believed; empty means none (the socket's address is the client's). */
  trustProxy: string[];
  /** How long a rotated refresh cookie, shown again, still gets its successor (a lost reply, two tabs). */
  refreshGraceSeconds: number;
  webDist: string | undefined;
  log: {
    origin: string;
    /** From LOG_SIGNING_KEY; unset means a key file made once under DATA_DIR. */
    signingKey: SignerKey | undefined;
    /** Keys this log signed with before a rotation: their checkpoints still verify. */
    previousKeys: VerifierKey[];
    witnessUrl: string | undefined;
    /** False stops the sequencer (for the benchmark's baseline): events then wait unsealed. */
    sealing: boolean;
    pollMs: number;
  };
  /** "auto": pg-boss on PostgreSQL, a timer in the process on PGlite; "off" runs no background jobs. */
  jobQueue: "auto" | "in-process" | "off";
  mfa: {
    /** Roles that must use a second factor when signing in with a password. */
    requiredRoles: Role[];
    /** Keys the encryption of TOTP secrets; unset means a key file made once under DATA_DIR. */
    encryptionKey: string | undefined;
  };
  /** Roles that may not sign in with a password at all: they use the council account. */
  passwordSignInOffRoles: Role[];
  /** The council's identity provider; undefined when OIDC is not configured. */
  oidc: { issuer: URL; clientId: string; clientSecret: string | undefined; redirectUrl: string } | undefined;
  mail: {
    /** Unset: each message is written as a .eml file under DATA_DIR/mail instead. */
    smtpUrl: string | undefined;
    from: string;
  };
  /** Where links in messages point: APP_URL, or this server on localhost. */
  appUrl: string;
  /** Both keys or neither (then a pair is made once under DATA_DIR). */
  vapid: { publicKey: string; privateKey: string } | undefined;
  vapidSubject: string;
}

export class ConfigError extends Error {}

const SECRETS = new Set(["JWT_SECRET", "LOG_SIGNING_KEY", "SMTP_URL", "VAPID_PRIVATE_KEY", "MFA_ENCRYPTION_KEY", "OIDC_CLIENT_SECRET"]);
const OIDC_REQUIRED = ["OIDC_CLIENT_ID", "OIDC_REDIRECT_URL"] as const;

/** Parses the environment once. A bad value throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    // A secret is never echoed, even a wrong one: it may be a real key pasted in the wrong place.
    const got = SECRETS.has(name) ? "its value is not shown" : `got ${JSON.stringify(env[name] ?? "")}`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? "is invalid"} (${got})`);
  }
  const e = parsed.data;
  if (e.MIGRATION_DATABASE_URL !== undefined && e.DATABASE_URL === undefined) {
    throw new ConfigError("Invalid configuration: MIGRATION_DATABASE_URL needs DATABASE_URL too (the app's own connection)");
  }
  if (e.OIDC_ISSUER !== undefined) {
    const missing = OIDC_REQUIRED.find((name) => e[name] === undefined);
    if (missing) throw new ConfigError(`Invalid configuration: OIDC_ISSUER needs ${missing} too`);
  }
  if ((e.VAPID_PUBLIC_KEY === undefined) !== (e.VAPID_PRIVATE_KEY === undefined)) {
    throw new ConfigError("Invalid configuration: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together (set both, or neither)");
  }
  const usingPostgres = e.DATABASE_URL !== undefined;
  const seedDemo = e.SEED_DEMO ?? !usingPostgres;
  if (e.PASSWORD_SIGN_IN_OFF_ROLES?.length && e.OIDC_ISSUER === undefined) {
    throw new ConfigError("Invalid configuration: PASSWORD_SIGN_IN_OFF_ROLES needs OIDC_ISSUER, or those roles could not sign in at all");
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: e.DATA_DIR,
    // A real deployment (DATABASE_URL) never gets demo accounts by accident.
    seedDemo,
    jwtSecret: e.JWT_SECRET ?? randomBytes(48).toString("base64url"),
    jwtSecretGenerated: e.JWT_SECRET === undefined,
    cookieSecure: e.COOKIE_SECURE ?? false,
    logLevel: e.LOG_LEVEL,
    timeZone: e.TIME_ZONE,
    maxSpendAgeDays: e.MAX_SPEND_AGE_DAYS,
    councilName: e.COUNCIL_NAME,
    organisationCode: e.ORGANISATION_CODE,
    loginLimits: {
      perIp: e.LOGIN_LIMIT_PER_IP,
      perAccount: e.LOGIN_LIMIT_PER_ACCOUNT,
      windowMs: e.LOGIN_LIMIT_WINDOW_MINUTES * 60_000,
    },
    trustProxy: e.TRUST_PROXY ?? [],
    refreshGraceSeconds: e.REFRESH_GRACE_SECONDS,
    webDist: e.WEB_DIST,
    log: {
      origin: e.LOG_ORIGIN,
      signingKey: e.LOG_SIGNING_KEY,
      previousKeys: e.LOG_PREVIOUS_KEYS ?? [],
      witnessUrl: e.LOG_WITNESS_URL,
      sealing: e.LOG_SEALING,
      pollMs: e.LOG_SEAL_POLL_MS,
    },
    jobQueue: e.JOB_QUEUE,
    mfa: {
      // The demo's people sign in with their password alone, so `npm start` stays two commands.
      requiredRoles: e.MFA_REQUIRED_ROLES ?? (seedDemo ? [] : OFFICE_ROLES),
      encryptionKey: e.MFA_ENCRYPTION_KEY,
    },
    passwordSignInOffRoles: e.PASSWORD_SIGN_IN_OFF_ROLES ?? [],
    oidc:
      e.OIDC_ISSUER !== undefined && e.OIDC_CLIENT_ID !== undefined && e.OIDC_REDIRECT_URL !== undefined
        ? { issuer: new URL(e.OIDC_ISSUER), clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, redirectUrl: e.OIDC_REDIRECT_URL }
        : undefined,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    vapid: e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : undefined,
    vapidSubject: e.VAPID_SUBJECT,
  };
}
