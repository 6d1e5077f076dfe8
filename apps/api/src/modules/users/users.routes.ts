import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { userAdminViewSchema, userListSchema, userWithPasswordSchema } from "@greentape/contract/users";
import { newUserBodySchema, userChangesBodySchema, userParamsSchema } from "@greentape/contract/user-requests";
import { requireActor } from "../../plugins/access.ts";
import type { UsersService } from "./users.service.ts";

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
        body: newUserBodySchema,
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
        params: userParamsSchema,
        body: userChangesBodySchema,
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
        params: userParamsSchema,
        response: { 200: userWithPasswordSchema },
      },
    },
    async (request) => users.resetPassword(requireActor(request), request.params.id),
  );
}
