import { z } from "zod";

export const secondFactorStatusSchema = z.object({
  required: z.boolean(),
  totp: z.boolean(),
  passkeys: z.array(z.object({ id: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() })),
  recoveryCodesLeft: z.number(),
});

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}
