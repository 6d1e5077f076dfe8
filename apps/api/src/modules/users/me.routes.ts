import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "@greentape/db/client";
import { NotFoundError } from "@greentape/domain/errors";
import { requireActor } from "../../plugins/access.ts";
import { findUserWithTeam } from "./users.queries.ts";
import { toUserView, userViewSchema } from "./user-view.ts";

export async function meRoutes(app: FastifyInstance, options: { db: Db }) {
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
      const found = await findUserWithTeam(options.db, requireActor(request).id);
      if (!found) throw new NotFoundError("Your account");
      return { ...toUserView(found.user), teamName: found.teamName, secondFactorEnrolmentPending: request.secondFactorEnrolmentPending };
    },
  );
}
