import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sessionAnswerSchema } from "@greentape/contract/auth";
import { mfaResetParamsSchema, mfaSignInBodySchema, recoveryCodesSchema, secondFactorStatusSchema, totpConfirmBodySchema, totpEnrolmentSchema } from "@greentape/contract/second-factor";
import type { Config } from "../../config.ts";
import { requireActor } from "../../plugins/access.ts";
import { requestContext, sessionReplies } from "../auth/index.ts";
import type { MfaService } from "./mfa.service.ts";

export async function mfaRoutes(app: FastifyInstance, options: { mfa: MfaService; config: Config }) {
  const { mfa } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const sessions = sessionReplies(app, options.config);
  const enrolment = { access: "signed-in", allowBeforeSecondFactor: true } as const;

  api.get(
    "/api/me/second-factor",
    { config: enrolment, schema: { tags: ["second factor"], summary: "Your second factors: authenticator app, passkeys, recovery codes left", response: { 200: secondFactorStatusSchema } } },
    async (request) => mfa.status(requireActor(request)),
  );

  api.post(
    "/api/me/second-factor/totp",
    {
      config: enrolment,
      schema: {
        tags: ["second factor"],
        summary: "Start setting up an authenticator app (TOTP, RFC 6238)",
        description:
          "Answers a new secret, its `otpauth://` URI and a QR code (an SVG data URL) to scan. This is the only time the secret is shown; it is stored encrypted. It protects nothing until `POST /api/me/second-factor/totp/confirm` proves the app with a first code. 409 when an app is already set up.",
        response: { 200: totpEnrolmentSchema },
      },
    },
    async (request) => mfa.startTotp(requireActor(request)),
  );

  api.post(
    "/api/me/second-factor/totp/confirm",
    {
      config: enrolment,
      schema: {
        tags: ["second factor"],
        summary: "Finish setting up the authenticator app with its first code",
        description: "Answers ten single-use recovery codes, shown this once (only their hashes are kept). A wrong code: 400 naming `code`; wrong codes are rate limited per account (429).",
        body: totpConfirmBodySchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => mfa.confirmTotp(requireActor(request), request.body.code),
  );

  api.post(
    "/api/auth/mfa",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Finish a password sign-in with the second factor: a code from the authenticator app, or a recovery code",
        description:
          "`mfaToken` comes from `POST /api/auth/login`. A code already used (the same 30-second step) is refused, as is a used recovery code: 401. Wrong codes are rate limited per account (429). On success, the same answer and cookie as a sign-in; the token is used up.",
        body: mfaSignInBodySchema,
        response: { 200: sessionAnswerSchema },
      },
    },
    async (request, reply) => sessions.answer(reply, await mfa.completeWithCode(request.body.mfaToken, request.body.code, requestContext(request))),
  );

  api.delete(
    "/api/users/:id/second-factor",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["users"],
        summary: "Reset a person's second factor (a lost phone): removes their app, recovery codes and passkeys",
        description: "Logged, and the person is told by a notification. If their role needs a second factor, they set one up again at their next sign-in.",
        params: mfaResetParamsSchema,
      },
    },
    async (request, reply) => {
      await mfa.reset(requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
