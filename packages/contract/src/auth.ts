import { z } from "zod/mini";
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
