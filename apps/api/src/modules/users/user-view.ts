import { z } from "zod";
import { ROLES } from "@greentape/domain/roles";
import type { UserRow } from "./users.queries.ts";

export const userViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().uuid().nullable(),
  mustChangePassword: z.boolean(),
});

export function toUserView(user: UserRow): z.infer<typeof userViewSchema> {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    teamId: user.teamId,
    mustChangePassword: user.mustChangePassword,
  };
}

/** What an admin sees of a user, and what the event log records before and after a change (never a password hash). */
export const userAdminViewSchema = userViewSchema.extend({
  teamName: z.string().nullable(),
  staffId: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type UserAdminView = z.infer<typeof userAdminViewSchema>;

export function toUserAdminView(user: UserRow, teamName: string | null): UserAdminView {
  return { ...toUserView(user), teamName, staffId: user.staffId, active: user.active, createdAt: user.createdAt.toISOString() };
}
