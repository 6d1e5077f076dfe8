import { z } from "zod/mini";
import { PASSWORD_MAX_LENGTH } from "@greentape/domain/password-lengths";
import { ROLES } from "@greentape/domain/roles";
import { line } from "@greentape/domain/text";
import { emailSchema, idParamsSchema } from "./params.ts";

/** A user as a sign-in answer and a password change name them. */
export const userViewSchema = z.object({
  id: z.string().check(z.uuid()),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  teamId: z.nullable(z.string().check(z.uuid())),
  mustChangePassword: z.boolean(),
});
export type UserView = z.infer<typeof userViewSchema>;

/** GET /api/me: the signed-in user. */
export const meSchema = z.extend(userViewSchema, {
  teamName: z.nullable(z.string()),
  secondFactorEnrolmentPending: z.boolean().check(z.describe("This sign-in reaches nothing but setting up a second factor until one is set up (MFA_REQUIRED_ROLES)")),
});
export type Me = z.infer<typeof meSchema>;

/** What an admin sees of a user, and what the event log records before and after a change (never a password hash). */
export const userAdminViewSchema = z.extend(userViewSchema, {
  teamName: z.nullable(z.string()),
  staffId: z.nullable(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
export type UserAdminView = z.infer<typeof userAdminViewSchema>;

/** GET /api/users */
export const userListSchema = z.object({ items: z.array(userAdminViewSchema) });

/** A new user, or a reset password: the temporary password is in this answer only. */
export const userWithPasswordSchema = z.extend(userAdminViewSchema, { temporaryPassword: z.optional(z.string()) });

const role = z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}` });
const teamId = z.uuid({ message: "Team id must be a UUID" });
const staffId = line(40, "Staff id");

/** POST /api/users */
export const newUserBodySchema = z.object({
  email: emailSchema,
  name: line(120, "Name"),
  role,
  teamId: z.optional(teamId),
  staffId: z.optional(staffId),
  // The full policy (length, common passwords, the person's name) is applied by the service.
  temporaryPassword: z.optional(z.string().check(z.maxLength(PASSWORD_MAX_LENGTH, `Temporary password must be ${PASSWORD_MAX_LENGTH} characters or fewer`))),
});

/** PUT /api/users/:id: only what is given changes. */
export const userChangesBodySchema = z.strictObject({
  name: z.optional(line(120, "Name")),
  role: z.optional(role),
  teamId: z.optional(z.nullable(teamId)),
  staffId: z.optional(z.nullable(staffId)),
  active: z.optional(z.boolean({ message: "Active must be true or false" })),
});

export const userParamsSchema = idParamsSchema("User");
