import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { userViewSchema } from "@greentape/contract/users";
import { RateLimitedError } from "@greentape/domain/errors";
import { changePasswordBodySchema } from "@greentape/contract/auth-requests";
import type { Config } from "../../config.ts";
import { requireActor } from "../../plugins/access.ts";
import type { PasswordsService } from "./passwords.service.ts";

// Length and the rest of the policy are the service's, so every refusal reads the same.

export async function passwordsRoutes(app: FastifyInstance, options: { passwords: PasswordsService; config: Config }) {
  const { perAccount, windowMs } = options.config.loginLimits;
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/me/password",
    {
      config: {
        access: "signed-in",
        allowWithTemporaryPassword: true,
        // As for sign-in: a stolen access token must not become a fast way to guess the current password.
        rateLimit: {
          max: perAccount,
          timeWindow: windowMs,
          keyGenerator: (request) => `password:${request.actor?.id ?? request.ip}`,
          errorResponseBuilder: (_request, context) => new RateLimitedError(`Too many password changes for this account. Try again in ${context.after}.`, Math.ceil(context.ttl / 1000)),
        },
      },
      schema: {
        tags: ["users"],
        summary: "Change your own password: at least 12 characters, not a common one, not your name or email",
        description:
          "Wrong `currentPassword` or a refused `newPassword`: 400 naming the field. On success every refresh session of the caller ends (sign in again with the new password) and `mustChangePassword` becomes false.",
        body: changePasswordBodySchema,
        response: { 200: userViewSchema },
      },
    },
    async (request) => options.passwords.change(requireActor(request), request.body),
  );
}
