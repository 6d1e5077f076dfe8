import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../plugins/access.ts";
import { userViewSchema } from "./user-view.ts";
import type { UsersService } from "./users.service.ts";

export async function meRoutes(app: FastifyInstance, options: { users: UsersService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/me",
    {
      config: { access: "signed-in", allowWithTemporaryPassword: true },
      schema: { tags: ["users"], summary: "The signed-in user", response: { 200: userViewSchema.extend({ teamName: z.string().nullable() }) } },
    },
    async (request) => {
      return options.users.me(requireActor(request));
    },
  );
}
