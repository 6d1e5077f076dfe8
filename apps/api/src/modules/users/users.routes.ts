import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@greentape/domain/password-policy";
import { userAdminViewSchema, userListSchema, userWithPasswordSchema } from "@greentape/contract/users";
import { ROLES } from "@greentape/domain/roles";
import { line } from "@greentape/domain/text";
import { requireActor } from "../../plugins/access.ts";
import type { UsersService } from "./users.service.ts";

const role = z.enum(ROLES, { message: `Role must be one of ${ROLES.join(", ")}` });
const teamId = z.uuid({ message: "Team id must be a UUID" });
const staffId = line(40, "Staff id");

const newUser = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: "Enter an email address like name@example.org" })).pipe(z.string().max(254, "Email must be 254 characters or fewer")),
  name: line(120, "Name"),
  role,
  teamId: teamId.optional(),
  staffId: z.optional(staffId),
  // The full policy (length, common passwords, the person's name) is applied by the service.
  temporaryPassword: z.string().max(PASSWORD_MAX_LENGTH, `Temporary password must be ${PASSWORD_MAX_LENGTH} characters or fewer`).optional(),
});

const userChanges = z
  .object({
    name: z.optional(line(120, "Name")),
    role: role.optional(),
    teamId: teamId.nullable().optional(),
    staffId: z.optional(z.nullable(staffId)),
    active: z.boolean({ message: "Active must be true or false" }).optional(),
  })
  .strict();

const params = z.object({ id: z.uuid({ message: "User id must be a UUID" }) });

export async function usersRoutes(app: FastifyInstance, options: { users: UsersService }) {
  const { users } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/users",
    { config: { access: ["admin"] }, schema: { tags: ["users"], summary: "Every user, with team, role and whether active", response: { 200: userListSchema } } },
    async () => ({ items: await users.list() }),
  );

  api.post(
    "/api/users",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["users"],
        summary: "Add a user, who must change the temporary password at first sign-in",
        description: "Without `temporaryPassword` one is generated and returned in `temporaryPassword`, in this answer only. Workers and supervisors need a `teamId`.",
        body: newUser,
        response: { 201: userWithPasswordSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await users.create(requireActor(request), request.body)),
  );

  api.put(
    "/api/users/:id",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["users"],
        summary: "Change a user's name, role, team or staff id, or deactivate (`active: false`) or reactivate them",
        description: "Deactivation takes effect on the user's next request and revokes all their sessions. The last active admin cannot be demoted or deactivated, nor can an admin deactivate themself (409).",
        params,
        body: userChanges,
        response: { 200: userAdminViewSchema },
      },
    },
    async (request) => users.update(requireActor(request), request.params.id, request.body),
  );

  api.post(
    "/api/users/:id/reset-password",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["users"],
        summary: "Issue a one-time temporary password (returned once); the user must change it at next sign-in and is signed out everywhere",
        params,
        response: { 200: userWithPasswordSchema },
      },
    },
    async (request) => users.resetPassword(requireActor(request), request.params.id),
  );
}
