import { z } from "zod/mini";

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
