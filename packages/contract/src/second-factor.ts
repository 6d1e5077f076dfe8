import { z } from "zod/mini";
import { idParamsSchema } from "./params.ts";

/** GET /api/me/second-factor */
export const secondFactorStatusSchema = z.object({
  required: z.boolean().check(z.describe("The person's role must use a second factor when signing in with a password (MFA_REQUIRED_ROLES)")),
  totp: z.boolean().check(z.describe("An authenticator app is set up")),
  passkeys: z.array(z.object({ id: z.string(), createdAt: z.string(), lastUsedAt: z.nullable(z.string()) })),
  recoveryCodesLeft: z.int(),
});

/** POST /api/me/second-factor/totp: shown this once. */
export const totpEnrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrCode: z.string() });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

/** POST /api/me/second-factor/totp/confirm: shown this once. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

const mfaToken = (message: string) => z.string({ message }).check(z.minLength(1, message), z.maxLength(200));
const code = z.string({ message: "Enter the code" }).check(z.trim(), z.minLength(1, "Enter the code"), z.maxLength(64, "The code must be 64 characters or fewer"));

/** POST /api/me/second-factor/totp/confirm */
export const totpConfirmBodySchema = z.object({ code });

/** POST /api/auth/mfa */
export const mfaSignInBodySchema = z.object({ mfaToken: mfaToken("Sign in with your password first"), code });

/** DELETE /api/users/:id/second-factor */
export const mfaResetParamsSchema = idParamsSchema("User");

/** What @simplewebauthn/browser hands over; the server's library checks the inside, so only the outline is checked here. */
const passkeyCredential = z.looseObject({
  id: z.string({ message: "The passkey's answer needs an id" }).check(z.minLength(1), z.maxLength(1024)),
  rawId: z.string().check(z.minLength(1), z.maxLength(1024)),
  type: z.literal("public-key", { message: "The passkey's answer must be of type public-key" }),
  response: z.record(z.string(), z.unknown()),
  clientExtensionResults: z.record(z.string(), z.unknown()),
});

const passkeyOptions = z.record(z.string(), z.unknown()).check(z.describe("PublicKeyCredential options for @simplewebauthn/browser"));

/** POST /api/me/passkeys/options */
export const passkeyRegistrationOptionsSchema = z.object({ options: passkeyOptions, registrationToken: z.string() });

/** POST /api/me/passkeys */
export const passkeyRegistrationBodySchema = z.object({ registrationToken: mfaToken("Start registering the passkey again"), response: passkeyCredential });
export const passkeyCreatedSchema = z.object({ id: z.string() });

/** POST /api/auth/mfa/passkey/options */
export const passkeySignInOptionsBodySchema = z.object({ mfaToken: mfaToken("Sign in with your password first") });
export const passkeySignInOptionsSchema = passkeyOptions;

/** POST /api/auth/mfa/passkey */
export const passkeySignInBodySchema = z.object({ mfaToken: mfaToken("Sign in with your password first"), response: passkeyCredential });
