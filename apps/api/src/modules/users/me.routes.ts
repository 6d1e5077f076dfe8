import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { meSchema } from "@greentape/contract/users";
import { requireActor } from "../../plugins/access.ts";
import type { UsersService } from "./users.service.ts";

export async function meRoutes(app: FastifyInstance, options: { users: UsersService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/me",
    {
      config: { access: "signed-in", allowWithTemporaryPassword: true, allowBeforeSecondFactor: true },
      schema: {
        tags: ["users"],
        summary: "The signed-in user",
        response: { 200: meSchema },
      },
    },
    async (request) => {
      return { ...(await options.users.me(requireActor(request))), secondFactorEnrolmentPending: request.secondFactorEnrolmentPending };
    },
  );
}
