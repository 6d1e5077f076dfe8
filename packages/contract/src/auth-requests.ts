// What signing in, resetting and changing a password send, and what a reset request answers. Apart
// from auth.ts, whose answers the sign-in page reads on a phone's first load: these carry the
// password rules, which that page does not need.
import { z } from "zod/mini";
import { PASSWORD_MAX_LENGTH } from "@greentape/domain/password-lengths";

/** An email address as people type it: trimmed and lower-cased before it is checked. */
export const emailSchema = z.pipe(
  z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email({ message: "Enter an email address like name@example.org" })),
  z.string().check(z.maxLength(254, "Email must be 254 characters or fewer")),
);

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
