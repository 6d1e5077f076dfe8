import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sessionAnswerSchema } from "@greentape/contract/auth";
import {
  passkeyCreatedSchema,
  passkeyRegistrationBodySchema,
  passkeyRegistrationOptionsSchema,
  passkeySignInBodySchema,
  passkeySignInOptionsBodySchema,
  passkeySignInOptionsSchema,
} from "@greentape/contract/second-factor";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import type { Config } from "../../config.ts";
import { requireActor } from "../../plugins/access.ts";
import { requestContext, sessionReplies } from "../auth/index.ts";
import type { PasskeysService } from "./passkeys.service.ts";

export async function passkeysRoutes(app: FastifyInstance, options: { passkeys: PasskeysService; config: Config }) {
  const { passkeys } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const sessions = sessionReplies(app, options.config);
  const enrolment = { access: "signed-in", allowBeforeSecondFactor: true } as const;

  api.post(
    "/api/me/passkeys/options",
    {
      config: enrolment,
      schema: {
        tags: ["second factor"],
        summary: "Start registering a passkey: the options for the browser, and a token for the answer",
        response: { 200: passkeyRegistrationOptionsSchema },
      },
    },
    async (request) => {
      const { options: creation, registrationToken } = await passkeys.registrationOptions(requireActor(request));
      return { options: { ...creation }, registrationToken };
    },
  );

  api.post(
    "/api/me/passkeys",
    {
      config: enrolment,
      schema: {
        tags: ["second factor"],
        summary: "Finish registering a passkey with the authenticator's answer",
        description: "User verification is required. Logged. A passkey serves as the second factor after the password (`POST /api/auth/mfa/passkey`).",
        body: passkeyRegistrationBodySchema,
        response: { 201: passkeyCreatedSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await passkeys.register(requireActor(request), request.body.registrationToken, request.body.response as unknown as RegistrationResponseJSON)),
  );

  api.post(
    "/api/auth/mfa/passkey/options",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "The passkey challenge for the second step of a password sign-in",
        body: passkeySignInOptionsBodySchema,
        response: { 200: passkeySignInOptionsSchema },
      },
    },
    async (request) => ({ ...(await passkeys.authenticationOptions(request.body.mfaToken)) }),
  );

  api.post(
    "/api/auth/mfa/passkey",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Finish a password sign-in with a passkey",
        description: "The answer to the challenge from `POST /api/auth/mfa/passkey/options`. A failure is logged and counts toward the per-account limit (429). On success, the same answer and cookie as a sign-in.",
        body: passkeySignInBodySchema,
        response: { 200: sessionAnswerSchema },
      },
    },
    async (request, reply) =>
      sessions.answer(reply, await passkeys.completeWithPasskey(request.body.mfaToken, request.body.response as unknown as AuthenticationResponseJSON, requestContext(request))),
  );
}
