import { sql } from "drizzle-orm";
import { FINDING_RESULTS } from "@greentape/domain/audit-report";
import { PERIOD_STATUSES } from "@greentape/domain/dates";
import type { EventType } from "@greentape/domain/event-types";
import type { Flag } from "@greentape/domain/flags";
import { RESTRICTION_KINDS } from "@greentape/domain/restrictions";
import { ROLES } from "@greentape/domain/roles";
import { SAMPLE_METHODS } from "@greentape/domain/sample-plan";
import { PAYEE_TYPES, PAYMENT_METHODS } from "@greentape/domain/spend-input";
import type { AuditStatus, FollowUpStatus, JustificationStatus } from "@greentape/domain/tracks";
import { COMMENT_VISIBILITIES, FOLLOW_UP_METHODS, FOLLOW_UP_OUTCOMES, REVIEW_DECISIONS } from "@greentape/domain/workflow-input";
import { NOTIFICATION_KINDS } from "@greentape/domain/notification-kinds";
import { bigint, bigserial, boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const money = (name: string) => bigint(name, { mode: "number" });
const moment = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const day = (name: string) => date(name, { mode: "string" });
const createdAt = () => timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();
/** Raw bytes (hashes). Queries on the hot paths move them as hex text instead, the same on pg and PGlite. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });
/** A top-level transaction id (PostgreSQL 13+), for the sequencer's "committed before" cut. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

export const teams = pgTable("teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  costCentre: text("cost_centre").notNull(),
  serviceArea: text("service_area").notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    teamId: uuid("team_id").references(() => teams.id),
    staffId: text("staff_id"),
    active: boolean("active").notNull().default(true),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    /** The identity provider's stable subject (sub, or Entra's oid), recorded at the first OIDC sign-in. */
    oidcSubject: text("oidc_subject").unique(),
    createdAt: createdAt(),
  },
  (t) => [
    check("users_role_valid", sql`${t.role} in ('worker','supervisor','auditor','finance','admin')`),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
    // Workers and supervisors act for a team; the other roles see across teams.
    check("users_team_required", sql`${t.role} not in ('worker','supervisor') or ${t.teamId} is not null`),
  ],
);

export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    /** All tokens rotated from one sign-in share a family; reuse of a rotated one revokes the family. */
    familyId: uuid("family_id").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
    replacedBy: uuid("replaced_by"),
    /** How the session began: a password alone, a password and a second factor, or the council's identity provider. */
    signInMethod: text("sign_in_method", { enum: ["password", "second_factor", "oidc"] }).notNull().default("password"),
    createdAt: createdAt(),
  },
  (t) => [index("refresh_tokens_family_idx").on(t.familyId), index("refresh_tokens_user_idx").on(t.userId)],
);

/**
 * A person's authenticator app (TOTP, RFC 6238). The secret is kept encrypted (AES-256-GCM) and is
 * never shown again after enrolment; `last_time_step` refuses a code used once already.
 */
export const totpFactors = pgTable("totp_factors", {
  userId: uuid("user_id").primaryKey().references(() => users.id),
  secretEncrypted: text("secret_encrypted").notNull(),
  /** Null until the person proves the app works with a first code: an unconfirmed factor protects nothing. */
  confirmedAt: moment("confirmed_at"),
  lastTimeStep: bigint("last_time_step", { mode: "number" }),
  createdAt: createdAt(),
});

/** Ten single-use codes for when the phone is lost; only their SHA-256 is kept. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    codeHash: text("code_hash").notNull().unique(),
    usedAt: moment("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** A passkey (WebAuthn credential) a person registered. */
export const passkeys = pgTable(
  "passkeys",
  {
    /** The credential id, base64url, as the authenticator gave it. */
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id),
    publicKey: bytea("public_key").notNull(),
    signCount: bigint("sign_count", { mode: "number" }).notNull().default(0),
    transports: jsonb("transports").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    lastUsedAt: moment("last_used_at"),
  },
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

/**
 * Short-lived, single-use steps of a sign-in: the second-factor step after a password, a passkey
 * registration's challenge, an OIDC round trip's state, nonce and PKCE verifier. Kept in the
 * database so any instance can finish what another began. Only the token's SHA-256 is stored.
 */
export const signInSteps = pgTable(
  "sign_in_steps",
  {
    tokenHash: text("token_hash").primaryKey(),
    purpose: text("purpose", { enum: ["second_factor", "passkey_registration", "oidc"] }).notNull(),
    userId: uuid("user_id").references(() => users.id),
    data: jsonb("data").$type<Record<string, string>>().notNull().default({}),
    expiresAt: moment("expires_at").notNull(),
    usedAt: moment("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("sign_in_steps_expires_idx").on(t.expiresAt)],
);

/**
 * Rate-limit counters every instance shares (sign-in per address and per account, password
 * changes): one row per key with the hits in its current window. A hit after `resets_at` starts a
 * new window; rows past it are deleted now and then.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    hits: integer("hits").notNull(),
    resetsAt: moment("resets_at").notNull(),
  },
  (t) => [index("rate_limits_resets_at_idx").on(t.resetsAt)],
);

/**
 * The event log's entries. A use case inserts its event with its leaf hash, SHA-256(0x00 ||
 * canonical JSON), in its own transaction; the sequencer later gives it a place in the Merkle tree
 * (log_leaves). `tx_id` is the inserting transaction, so the sequencer can tell which events are
 * committed for good. Events logged before the tree have no leaf hash and share the tx_id of the
 * migration that added the column: they were the hash chain (`prev_hash`, `hash`, kept as they
 * were) and became the tree's first leaves, in id order.
 * Triggers (migration 0001) refuse UPDATE, DELETE and TRUNCATE.
 */
export const events = pgTable(
  "events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().default(sql`nextval('events_id_seq')`),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid("actor_id"),
    type: text("type").$type<EventType>().notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    data: jsonb("data").notNull(),
    prevHash: text("prev_hash"),
    hash: text("hash"),
    leafHash: bytea("leaf_hash"),
    txId: xid8("tx_id").notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [index("events_subject_idx").on(t.subjectType, t.subjectId), index("events_sequencing_idx").on(t.txId, t.id)],
);

/** Each sequenced event's place in the tree. Append-only. */
export const logLeaves = pgTable("log_leaves", {
  logIndex: bigint("log_index", { mode: "number" }).primaryKey(),
  eventId: bigint("event_id", { mode: "number" })
    .notNull()
    .unique()
    .references(() => events.id),
});

/**
 * The hash of every perfect subtree: node (level, idx) covers leaves [idx·2^level, (idx+1)·2^level);
 * level 0 holds the leaf hashes. Once written a node never changes, so proofs for any past tree
 * size are read from here. Append-only.
 */
export const logNodes = pgTable(
  "log_nodes",
  {
    level: smallint("level").notNull(),
    idx: bigint("idx", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

/**
 * Every signed checkpoint (C2SP signed note), one per sealed batch. `horizon` is the sequencer's
 * bookkeeping: every event of a transaction with an id below it is in this checkpoint's tree, so a
 * sequencer taking over looks for unsealed events from there on. Append-only.
 */
export const logCheckpoints = pgTable(
  "log_checkpoints",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    treeSize: bigint("tree_size", { mode: "number" }).notNull(),
    note: text("note").notNull(),
    horizon: xid8("horizon").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("log_checkpoints_size_idx").on(t.treeSize)],
);

/** A green-tape rule. Its terms live in versions; every spend keeps the version it was judged by. */
export const schemes = pgTable("schemes", {
  id: uuid("id").primaryKey().defaultRandom(),
  currentVersion: integer("current_version").notNull(),
  createdAt: createdAt(),
});

export const schemeVersions = pgTable(
  "scheme_versions",
  {
    schemeId: uuid("scheme_id").notNull().references(() => schemes.id),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    currency: text("currency").notNull().default("GBP"),
    categories: text("categories").array().notNull(),
    /** Caps in minor units; null means no cap. */
    perSpendCap: money("per_spend_cap"),
    perClientCap: money("per_client_cap"),
    perClientWindowDays: integer("per_client_window_days").notNull(),
    perWorkerMonthlyCap: money("per_worker_monthly_cap"),
    teamMonthlyBudget: money("team_monthly_budget"),
    justificationDueDays: integer("justification_due_days").notNull(),
    followUpDueDays: integer("follow_up_due_days").notNull(),
    /** Days a justification may be overdue before the worker's new spends pause. */
    graceDays: integer("grace_days").notNull().default(7),
    /** Null: the scheme applies to every team. */
    teamIds: uuid("team_ids").array(),
    auditSettings: jsonb("audit_settings").notNull().default({}),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schemeId, t.version] }),
    check("scheme_caps_positive", sql`coalesce(${t.perSpendCap}, 1) > 0 and coalesce(${t.perClientCap}, 1) > 0 and coalesce(${t.perWorkerMonthlyCap}, 1) > 0 and coalesce(${t.teamMonthlyBudget}, 1) > 0`),
  ],
);

/**
 * A person the service supports, known by a pseudonymous reference. The equality-monitoring answers
 * (equality-monitoring.ts) are optional, "prefer not to say" until someone who knows the client
 * records them, used only in aggregate, and never exported, notified or logged.
 */
export const clients = pgTable(
  "clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: text("reference").notNull().unique(),
    displayName: text("display_name"),
    teamId: uuid("team_id").notNull().references(() => teams.id),
    /**
     * Spends logged for this client so far: each spend adds one under the row's lock. A spend that
     * read the client's spends (rolling cap, duplicate flags) before taking any lock finds this
     * unchanged when it takes the lock, or reads them again then, so no concurrent spend slips by.
     */
    spendsLogged: bigint("spends_logged", { mode: "number" }).notNull().default(0),
    ageBand: text("age_band").notNull().default("prefer_not_to_say"),
    sex: text("sex").notNull().default("prefer_not_to_say"),
    ethnicGroup: text("ethnic_group").notNull().default("prefer_not_to_say"),
    disability: text("disability").notNull().default("prefer_not_to_say"),
    createdAt: createdAt(),
  },
  (t) => [
    index("clients_team_idx").on(t.teamId),
    check("clients_age_band_valid", sql`${t.ageBand} in ('under_18','18_24','25_34','35_49','50_64','65_74','75_and_over','prefer_not_to_say')`),
    check("clients_sex_valid", sql`${t.sex} in ('female','male','prefer_not_to_say')`),
    check("clients_ethnic_group_valid", sql`${t.ethnicGroup} in ('asian','black','mixed','white','other','prefer_not_to_say')`),
    check("clients_disability_valid", sql`${t.disability} in ('yes','no','prefer_not_to_say')`),
  ],
);

/**
 * Running totals for the monthly caps, one row per (scheme, team|worker, month). Spends move them
 * with a conditional UPDATE inside their own transaction, so concurrent spends cannot overshoot.
 */
export const capCounters = pgTable(
  "cap_counters",
  {
    scope: text("scope", { enum: ["team", "worker"] }).notNull(),
    schemeId: uuid("scheme_id").notNull(),
    ownerId: uuid("owner_id").notNull(),
    period: text("period").notNull(),
    used: money("used").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.schemeId, t.ownerId, t.period] }), check("cap_counters_used_non_negative", sql`${t.used} >= 0`)],
);

export const spends = pgTable(
  "spends",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workerId: uuid("worker_id").notNull().references(() => users.id),
    teamId: uuid("team_id").notNull().references(() => teams.id),
    clientId: uuid("client_id").notNull().references(() => clients.id),
    schemeId: uuid("scheme_id").notNull(),
    schemeVersion: integer("scheme_version").notNull(),
    amount: money("amount").notNull(),
    currency: text("currency").notNull(),
    category: text("category").notNull(),
    payee: text("payee").notNull(),
    /** The payee folded for comparison (normalisePayee), so flag look-ups use an index. */
    payeeKey: text("payee_key").notNull().default(""),
    /** Null when nobody said: the payee is then treated as a private individual and never published by name. */
    payeeType: text("payee_type", { enum: PAYEE_TYPES }),
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }).notNull(),
    spentOn: day("spent_on").notNull(),
    /** The calendar month of spentOn. */
    period: text("period").notNull(),
    /** The month finance books it in: its own period, or the earliest open one if that had closed. */
    bookedPeriod: text("booked_period").notNull(),
    note: text("note").notNull().default(""),
    /** VAT included in the amount that the council cannot reclaim, as recorded with the spend; null when none was recorded. */
    vatAmount: money("vat_amount"),
    /** The card scheme's merchant category, when one was recorded; the export falls back to the category's ledger mapping for card payments. */
    merchantCategory: text("merchant_category"),
    flags: text("flags").array().$type<Flag[]>().notNull().default([]),
    justificationStatus: text("justification_status").$type<JustificationStatus>().notNull().default("due"),
    justificationDueOn: day("justification_due_on").notNull(),
    followUpStatus: text("follow_up_status").$type<FollowUpStatus>().notNull().default("pending"),
    followUpDueOn: day("follow_up_due_on").notNull(),
    auditStatus: text("audit_status").$type<AuditStatus>().notNull().default("not_sampled"),
    voidedAt: moment("voided_at"),
    voidedBy: uuid("voided_by"),
    voidReason: text("void_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    check("spends_amount_positive", sql`${t.amount} > 0`),
    check("spends_vat_within_amount", sql`${t.vatAmount} >= 0 and ${t.vatAmount} <= ${t.amount}`),
    index("spends_team_period_idx").on(t.teamId, t.period),
    // Lists are newest first by (created_at, id): a worker's, a team's, and everyone's for the office roles.
    index("spends_worker_idx").on(t.workerId, t.createdAt, t.id),
    index("spends_team_created_idx").on(t.teamId, t.createdAt, t.id),
    index("spends_created_idx").on(t.createdAt, t.id),
    index("spends_client_idx").on(t.clientId, t.spentOn),
    index("spends_team_payee_idx").on(t.teamId, t.payeeKey),
    index("spends_worker_client_idx").on(t.workerId, t.clientId, t.spentOn),
    index("spends_team_category_idx").on(t.teamId, t.category, t.spentOn),
    index("spends_period_idx").on(t.period),
    index("spends_booked_period_idx").on(t.bookedPeriod),
    // The auditor's queue starts from the spends under concern: few, so a small index.
    index("spends_concern_idx").on(t.createdAt, t.id).where(sql`${t.justificationStatus} = 'concern'`),
    // Every spend checks its worker's owed justifications (the pause): few rows, so a small index.
    index("spends_worker_owed_idx")
      .on(t.workerId, t.justificationDueOn)
      .where(sql`${t.voidedAt} is null and ${t.justificationStatus} in ('due', 'queried')`),
  ],
);

/** Stripe-style idempotency: a retried POST with the same key and body gets the first answer. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid("user_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    spendId: uuid("spend_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export const receipts = pgTable("receipts", {
  id: uuid("id").primaryKey().defaultRandom(),
  spendId: uuid("spend_id").notNull().references(() => spends.id),
  storageKey: text("storage_key").notNull(),
  sha256: text("sha256").notNull(),
  contentType: text("content_type").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  originalName: text("original_name"),
  uploadedBy: uuid("uploaded_by").notNull().references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  // Every list of spends counts each one's receipts.
  index("receipts_spend_id_idx").on(t.spendId),
]);

/** A declaration standing in for a receipt that was lost: honest, visible, and a risk reason for audit. */
export const receiptLostDeclarations = pgTable("receipt_lost_declarations", {
  id: uuid("id").primaryKey().defaultRandom(),
  spendId: uuid("spend_id").notNull().references(() => spends.id).unique(),
  description: text("description").notNull(),
  reason: text("reason").notNull(),
  declaredBy: uuid("declared_by").notNull().references(() => users.id),
  createdAt: createdAt(),
});

export const justificationRevisions = pgTable(
  "justification_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spendId: uuid("spend_id").notNull().references(() => spends.id),
    revision: integer("revision").notNull(),
    narrative: text("narrative").notNull(),
    intendedOutcome: text("intended_outcome").notNull(),
    submittedBy: uuid("submitted_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("justification_revisions_spend_revision").on(t.spendId, t.revision)],
);

export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spendId: uuid("spend_id").notNull().references(() => spends.id),
    reviewerId: uuid("reviewer_id").notNull().references(() => users.id),
    decision: text("decision", { enum: REVIEW_DECISIONS }).notNull(),
    comment: text("comment").notNull().default(""),
    revision: integer("revision").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("reviews_spend_idx").on(t.spendId)],
);

export const followUps = pgTable("follow_ups", {
  spendId: uuid("spend_id").primaryKey().references(() => spends.id),
  contactedOn: day("contacted_on").notNull(),
  method: text("method", { enum: FOLLOW_UP_METHODS }).notNull(),
  outcome: text("outcome", { enum: FOLLOW_UP_OUTCOMES }).notNull(),
  clientView: text("client_view"),
  notes: text("notes"),
  recordedBy: uuid("recorded_by").notNull().references(() => users.id),
  createdAt: createdAt(),
  updatedAt: moment("updated_at").notNull().defaultNow(),
});

export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spendId: uuid("spend_id").notNull().references(() => spends.id),
    authorId: uuid("author_id").notNull().references(() => users.id),
    body: text("body").notNull(),
    /** "reviewers" notes are never shown to workers, through any endpoint or export. */
    visibility: text("visibility", { enum: COMMENT_VISIBILITIES }).notNull().default("worker"),
    createdAt: createdAt(),
  },
  (t) => [index("comments_spend_idx").on(t.spendId)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    spendId: uuid("spend_id").references(() => spends.id),
    message: text("message").notNull(),
    /** Reminders are raised once per subject: the key makes a repeat a no-op. */
    dedupeKey: text("dedupe_key").unique(),
    createdAt: createdAt(),
    readAt: moment("read_at"),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/** A supervisor lifting a worker's pause for some days, with a reason. */
export const snoozes = pgTable(
  "snoozes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workerId: uuid("worker_id").notNull().references(() => users.id),
    grantedBy: uuid("granted_by").notNull().references(() => users.id),
    reason: text("reason").notNull(),
    untilOn: day("until_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("snoozes_worker_idx").on(t.workerId, t.createdAt)],
);

/**
 * The individual response to misuse: one person's freedom suspended, or their caps lowered, with a
 * reason, until a day (inclusive) or until lifted. Rows are never deleted; lifting sets lifted_*.
 */
export const restrictions = pgTable(
  "restrictions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind", { enum: RESTRICTION_KINDS }).notNull(),
    reason: text("reason").notNull(),
    /** The last day it applies; null until lifted. */
    untilOn: day("until_on"),
    perSpendCap: money("per_spend_cap"),
    perWorkerMonthlyCap: money("per_worker_monthly_cap"),
    createdBy: uuid("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
    liftedAt: moment("lifted_at"),
    liftedBy: uuid("lifted_by").references(() => users.id),
    liftReason: text("lift_reason"),
  },
  (t) => [
    check("restrictions_kind_valid", sql`${t.kind} in ('suspend','lower_caps')`),
    check("restrictions_caps_fit_kind", sql`case when ${t.kind} = 'suspend' then ${t.perSpendCap} is null and ${t.perWorkerMonthlyCap} is null else coalesce(${t.perSpendCap}, ${t.perWorkerMonthlyCap}) is not null end`),
    check("restrictions_caps_non_negative", sql`coalesce(${t.perSpendCap}, 0) >= 0 and coalesce(${t.perWorkerMonthlyCap}, 0) >= 0`),
    // The spend path asks for one person's restrictions that are not lifted.
    index("restrictions_user_idx").on(t.userId).where(sql`${t.liftedAt} is null`),
  ],
);

export const periods = pgTable("periods", {
  period: text("period").primaryKey(),
  status: text("status", { enum: PERIOD_STATUSES }).notNull().default("open"),
  closedAt: moment("closed_at"),
  closedBy: uuid("closed_by").references(() => users.id),
  spendCount: integer("spend_count"),
  total: money("total"),
  exportSha256: text("export_sha256"),
  /** The log's signed checkpoint current at close: it goes into every file of the month. */
  logCheckpoint: text("log_checkpoint"),
  /** Spends still unjustified when the month closed, as the close confirmation showed them. */
  unjustifiedCount: integer("unjustified_count"),
});

/**
 * A closed period's export rows exactly as they stood at close, in export order: every file of a
 * closed period (CSV, XLSX, JSON, Xero, transparency) is read from here, so renaming a team or
 * remapping a ledger code later cannot move a closed month. Text columns hold the exported text
 * itself (dates already formatted). Append-only: triggers refuse UPDATE, DELETE and TRUNCATE.
 */
export const closedPeriodRows = pgTable(
  "closed_period_rows",
  {
    period: text("period").notNull().references(() => periods.period),
    position: integer("position").notNull(),
    transactionId: text("transaction_id").notNull(),
    spentOn: text("spent_on").notNull(),
    bookedPeriod: text("booked_period").notNull(),
    loggedAt: text("logged_at").notNull(),
    team: text("team").notNull(),
    costCentre: text("cost_centre").notNull(),
    scheme: text("scheme").notNull(),
    schemeVersion: integer("scheme_version").notNull(),
    category: text("category").notNull(),
    glCode: text("gl_code"),
    payee: text("payee").notNull(),
    paymentMethod: text("payment_method").notNull(),
    amount: money("amount").notNull(),
    currency: text("currency").notNull(),
    staffId: text("staff_id"),
    clientReference: text("client_reference").notNull(),
    justificationStatus: text("justification_status"),
    followUpStatus: text("follow_up_status"),
    voided: boolean("voided").notNull(),
    reversalOf: text("reversal_of"),
    // The transparency file's own fields.
    department: text("department").notNull(),
    payeeType: text("payee_type"),
    /** Null when no VAT was recorded on the spend. */
    irrecoverableVat: money("irrecoverable_vat"),
    merchantCategory: text("merchant_category"),
    /** The ledger account's name at close (the Code's expense type); null when none was recorded. */
    expenseType: text("expense_type"),
    /** The Xero account its payment method was credited to at close; null when none was mapped (the journal then uses its default). */
    clearingAccount: text("clearing_account"),
    transparencyDate: text("transparency_date").notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.position] })],
);

/** A void after its period closed books a negative row into the open period; the closed month never moves. */
export const reversals = pgTable("reversals", {
  id: uuid("id").primaryKey().defaultRandom(),
  spendId: uuid("spend_id").notNull().references(() => spends.id).unique(),
  bookedPeriod: text("booked_period").notNull(),
  amount: money("amount").notNull(),
  createdAt: createdAt(),
});

export const ledgerCodes = pgTable("ledger_codes", {
  category: text("category").primaryKey(),
  glCode: text("gl_code").notNull(),
  /** The ledger account's name in the chart of accounts: the transparency file's expense type. */
  accountName: text("account_name"),
  /** What a card payment in this category is published as, such as "Taxicabs and limousines", where the card statement gave none. */
  merchantCategory: text("merchant_category"),
  updatedAt: moment("updated_at").notNull().defaultNow(),
});

/** The account each payment method is paid from (a card's float, the petty cash tin): the Xero journal credits it. */
export const clearingAccounts = pgTable("clearing_accounts", {
  paymentMethod: text("payment_method").primaryKey(),
  accountCode: text("account_code").notNull(),
  updatedAt: moment("updated_at").notNull().defaultNow(),
});

export const auditSamples = pgTable("audit_samples", {
  id: uuid("id").primaryKey().defaultRandom(),
  period: text("period").notNull(),
  seed: text("seed").notNull(),
  method: text("method", { enum: SAMPLE_METHODS }).notNull(),
  parameters: jsonb("parameters").notNull(),
  algorithm: text("algorithm").notNull(),
  algorithmVersion: text("algorithm_version").notNull(),
  datasetDigest: text("dataset_digest").notNull(),
  populationSize: integer("population_size").notNull(),
  /** The population's total in minor units at the draw (null for samples drawn before it was kept). */
  populationTotal: money("population_total"),
  /** The population's spend ids at the draw, so a check later names what joined or left (null before it was kept). */
  populationIds: uuid("population_ids").array(),
  /** The log's signed checkpoint current at the draw: every report of the sample prints it. */
  logCheckpoint: text("log_checkpoint"),
  drawnBy: uuid("drawn_by").notNull().references(() => users.id),
  createdAt: createdAt(),
});

export const auditSampleItems = pgTable(
  "audit_sample_items",
  {
    sampleId: uuid("sample_id").notNull().references(() => auditSamples.id),
    spendId: uuid("spend_id").notNull().references(() => spends.id),
    position: integer("position").notNull(),
    /** "random" for the statistical part; risk reasons such as "concern" or "split_pattern" otherwise. */
    reasons: text("reasons").array().notNull(),
    result: text("result", { enum: FINDING_RESULTS }),
    notes: text("notes"),
    findingBy: uuid("finding_by").references(() => users.id),
    findingAt: moment("finding_at"),
    /** Monetary-unit samples: the book amount less the audited amount, minor units. */
    misstatement: money("misstatement"),
  },
  (t) => [primaryKey({ columns: [t.sampleId, t.spendId] }), index("audit_sample_items_spend_idx").on(t.spendId)],
);

/**
 * A forgotten-password link: only the SHA-256 of its token is kept, so a copy of the database holds
 * no working link. Single use (`used_at`), and good until `expires_at` (30 minutes).
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: moment("expires_at").notNull(),
    usedAt: moment("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/**
 * Every message sent outside the app (email, push), keyed by whom, what kind, about what and for
 * which due moment: an instance claims the key before sending, so however many instances sweep,
 * each reminder goes out once.
 */
export const notificationsSent = pgTable(
  "notifications_sent",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind").notNull(),
    subjectId: text("subject_id").notNull(),
    dueAt: moment("due_at").notNull(),
    /** What actually went: any of "email", "push". */
    channels: text("channels").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("notifications_sent_key").on(t.userId, t.kind, t.subjectId, t.dueAt)],
);

/** One browser or phone that allowed push, for one signed-in session (removed when it ends). */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    /** The refresh family it was made in: once that session ends, nothing is pushed to it. */
    sessionId: uuid("session_id").notNull(),
    endpoint: text("endpoint").notNull().unique(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("push_subscriptions_user_idx").on(t.userId)],
);

/** How a person wants to hear each kind of message, and when push keeps quiet. One row per person, once they change anything. */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  /** Kind -> "email" | "push" | "both" | "none"; a kind not named takes its default. */
  channels: jsonb("channels").$type<Record<string, string>>().notNull().default({}),
  /** Minutes after local midnight in the council's time zone; equal means no quiet hours. */
  quietFrom: smallint("quiet_from").notNull().default(1200),
  quietTo: smallint("quiet_to").notNull().default(480),
  updatedAt: moment("updated_at").notNull().defaultNow(),
});
