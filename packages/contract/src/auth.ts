import { z } from "zod/mini";
import { PASSWORD_MAX_LENGTH } from "@greentape/domain/password-lengths";
import { emailSchema } from "./params.ts";
import { userViewSchema } from "./users.ts";

/** How every way of signing in ends: an access token, and who it is for. */
export const sessionAnswerSchema = z.object({ accessToken: z.string(), user: userViewSchema });
export type SessionAnswer = z.infer<typeof sessionAnswerSchema>;

/** The password was right and the account has a second factor: the sign-in waits for it. */
export const secondFactorStepSchema = z.object({ mfaRequired: z.literal(true), mfaToken: z.string() });

/** POST /api/auth/login */
export const loginAnswerSchema = z.union([sessionAnswerSchema, secondFactorStepSchema]);

/** POST /api/auth/refresh: a new access token for the session the refresh cookie names. */
export const tokenAnswerSchema = z.object({ accessToken: z.string() });

/** POST /api/auth/login */
export const loginBodySchema = z.object({
  email: emailSchema,
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(1024)),
});

/** POST /api/auth/forgot-password */
export const forgotPasswordBodySchema = z.object({ email: emailSchema });
export const forgotPasswordAnswerSchema = z.object({ message: z.string() });

/** POST /api/auth/reset-password */
export const resetPasswordBodySchema = z.object({
  token: z.string({ message: "The link has no token" }).check(z.minLength(1, "The link has no token"), z.maxLength(200, "This link is not a Green Tape reset link")),
  password: z.string({ message: "Enter a new password" }).check(z.maxLength(PASSWORD_MAX_LENGTH, `Your new password must be ${PASSWORD_MAX_LENGTH} characters or fewer`)),
});

const password = (label: string) => z.string({ message: `Enter your ${label}` }).check(z.maxLength(PASSWORD_MAX_LENGTH, `Your ${label} must be ${PASSWORD_MAX_LENGTH} characters or fewer`));

/** POST /api/me/password (the full policy is the service's) */
export const changePasswordBodySchema = z.object({ currentPassword: password("current password"), newPassword: password("new password") });

/** GET /api/auth/oidc/callback: the provider's answer, with whatever else it adds (an error, its issuer). */
export const oidcCallbackQuerySchema = z.catchall(z.object({ code: z.optional(z.string().check(z.maxLength(4096))), state: z.optional(z.string().check(z.maxLength(1024))) }), z.string().check(z.maxLength(4096)));
