// What an admin sends to add and change people. Apart from users.ts, whose answers every page reads.
import { z } from "zod/mini";
import { PASSWORD_MAX_LENGTH } from "@greentape/domain/password-lengths";
import { ROLES } from "@greentape/domain/roles";
import { line } from "@greentape/domain/text";
import { emailSchema } from "./auth-requests.ts";
import { idParamsSchema } from "./params.ts";

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
