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
      config: { access: "signed-in", allowWithTemporaryPassword: true, allowBeforeSecondFactor: true },
      schema: {
        tags: ["users"],
        summary: "The signed-in user",
        response: {
          200: userViewSchema.extend({
            teamName: z.string().nullable(),
            secondFactorEnrolmentPending: z.boolean().describe("This sign-in reaches nothing but setting up a second factor until one is set up (MFA_REQUIRED_ROLES)"),
          }),
        },
      },
    },
    async (request) => {
      return { ...(await options.users.me(requireActor(request))), secondFactorEnrolmentPending: request.secondFactorEnrolmentPending };
    },
  );
}
