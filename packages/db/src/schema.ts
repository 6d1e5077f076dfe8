import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow();

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
    role: text("role", { enum: ["worker", "supervisor", "auditor", "finance", "admin"] }).notNull(),
    teamId: uuid("team_id").references(() => teams.id),
    staffId: text("staff_id"),
    active: boolean("active").notNull().default(true),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
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
    createdAt: createdAt(),
  },
  (t) => [index("refresh_tokens_family_idx").on(t.familyId), index("refresh_tokens_user_idx").on(t.userId)],
);

/**
 * The event log: append-only and hash-chained. Each row's hash covers its content and the previous
 * row's hash. Triggers (migration 0001) refuse UPDATE, DELETE and TRUNCATE.
 */
export const events = pgTable(
  "events",
  {
    id: bigint("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid("actor_id"),
    type: text("type").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    data: jsonb("data").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("events_subject_idx").on(t.subjectType, t.subjectId)],
);
