import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sessionAnswerSchema } from "@greentape/contract/auth";
import { z } from "zod";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import type { Config } from "../../config.ts";
import { requireActor } from "../../plugins/access.ts";
import { requestContext, sessionReplies } from "../auth/index.ts";
import type { PasskeysService } from "./passkeys.service.ts";

const token = (message: string) => z.string({ message }).min(1, message).max(200);
/** What @simplewebauthn/browser hands over; the library checks the inside, so only the outline is checked here. */
const credential = z
  .object({
    id: z.string({ message: "The passkey's answer needs an id" }).min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal("public-key", { message: "The passkey's answer must be of type public-key" }),
    response: z.record(z.string(), z.unknown()),
    clientExtensionResults: z.record(z.string(), z.unknown()),
  })
  .loose();
const optionsAnswer = z.record(z.string(), z.unknown()).describe("PublicKeyCredential options for @simplewebauthn/browser");

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
        response: { 200: z.object({ options: optionsAnswer, registrationToken: z.string() }) },
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
        body: z.object({ registrationToken: token("Start registering the passkey again"), response: credential }),
        response: { 201: z.object({ id: z.string() }) },
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
        body: z.object({ mfaToken: token("Sign in with your password first") }),
        response: { 200: optionsAnswer },
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
        body: z.object({ mfaToken: token("Sign in with your password first"), response: credential }),
        response: { 200: sessionAnswerSchema },
      },
    },
    async (request, reply) =>
      sessions.answer(reply, await passkeys.completeWithPasskey(request.body.mfaToken, request.body.response as unknown as AuthenticationResponseJSON, requestContext(request))),
  );
}
