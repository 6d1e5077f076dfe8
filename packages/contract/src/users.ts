import { z } from "zod/mini";
import { ROLES } from "@greentape/domain/roles";

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
