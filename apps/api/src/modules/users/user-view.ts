import type { UserAdminView, UserView } from "@greentape/contract/users";
import type { UserRow } from "./users.queries.ts";

export function toUserView(user: UserRow): UserView {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    teamId: user.teamId,
    mustChangePassword: user.mustChangePassword,
  };
}

export function toUserAdminView(user: UserRow, teamName: string | null): UserAdminView {
  return { ...toUserView(user), teamName, staffId: user.staffId, active: user.active, createdAt: user.createdAt.toISOString() };
}
