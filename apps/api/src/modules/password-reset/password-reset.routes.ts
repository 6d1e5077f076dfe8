import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { RateLimitedError } from "@greentape/domain/errors";
import { forgotPasswordAnswerSchema, forgotPasswordBodySchema, resetPasswordBodySchema } from "@greentape/contract/auth-requests";
import type { Config } from "../../config.ts";
import { RESET_LINK_MINUTES, type PasswordResetService } from "./password-reset.service.ts";

export async function passwordResetRoutes(app: FastifyInstance, options: { passwordReset: PasswordResetService; config: Config }) {
  const { passwordReset, config } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { perIp, windowMs } = config.loginLimits;
  // Per address, like sign-in: neither asking for links nor trying tokens may be done at speed.
  const limit = (name: string) => ({
    max: perIp,
    timeWindow: windowMs,
    keyGenerator: (request: { ip: string }) => `${name}-ip:${request.ip}`,
    errorResponseBuilder: (_request: unknown, context: { after: string; ttl: number }) =>
      new RateLimitedError(`Too many password resets from this network. Try again in ${context.after}.`, Math.ceil(context.ttl / 1000)),
  });

  api.post(
    "/api/auth/forgot-password",
    {
      config: { access: "public", rateLimit: limit("forgot-password") },
      schema: {
        tags: ["auth"],
        summary: "Ask for an email with a link to set a new password",
        description: `Always 202, at the same speed, whether or not an account has this email, so the answer tells nobody who has an account. An active account is sent a single-use link, valid for ${RESET_LINK_MINUTES} minutes (at most 3 emails per account per sign-in window).`,
        security: [],
        body: forgotPasswordBodySchema,
        response: { 202: forgotPasswordAnswerSchema },
      },
    },
    async (request, reply) => {
      passwordReset.request(request.body.email);
      return reply.code(202).send({ message: "If an account has this email, a link to set a new password is on its way. It works once, for 30 minutes." });
    },
  );

  api.post(
    "/api/auth/reset-password",
    {
      config: { access: "public", rateLimit: limit("reset-password") },
      schema: {
        tags: ["auth"],
        summary: "Set a new password with the token from a reset email",
        description:
          "The password policy applies (400 naming `password`). A token that is unknown, used or past its 30 minutes is 400 naming `token`. On success the link and any other of the account's links are used up, every session of the account ends, and the reset is in the event log. Sign in with the new password.",
        security: [],
        body: resetPasswordBodySchema,
      },
    },
    async (request, reply) => {
      await passwordReset.reset(request.body);
      return reply.code(204).send();
    },
  );
}
