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
