import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { loginAnswerSchema, tokenAnswerSchema } from "@greentape/contract/auth";
import { loginBodySchema } from "@greentape/contract/auth-requests";
import { RateLimitedError, UnauthorizedError } from "@greentape/domain/errors";
import type { Config } from "../../config.ts";
import type { RateLimits } from "../rate-limits/index.ts";
import { verifiedClaims } from "../../plugins/access.ts";
import type { AuthService } from "./auth.service.ts";
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH, requestContext, sessionReplies } from "./session-reply.ts";

export async function authRoutes(app: FastifyInstance, options: { auth: AuthService; config: Config; rateLimits: RateLimits }) {
  const { auth, config, rateLimits } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  const { perIp: ipMax, perAccount: accountMax, windowMs } = config.loginLimits;
  // Every attempt from an address counts (the address is the proxy's client when TRUST_PROXY names the proxy).
  const perIp = app.rateLimit({
    max: ipMax,
    timeWindow: windowMs,
    keyGenerator: (request) => `login-ip:${request.ip}`,
    errorResponseBuilder: (_request, context) =>
      new RateLimitedError(`Too many sign-in attempts from this network. Try again in ${context.after}.`, Math.ceil(context.ttl / 1000)),
  });

  /**
   * Per account only failures count: the attempt is counted before the password is checked (so a
   * burst of parallel guesses cannot all slip under the limit) and taken back when it was not a
   * wrong password or a refused account.
   */
  async function withAccountLimit<T>(email: string, attempt: () => Promise<T>): Promise<T> {
    const key = `login-account:${email}`;
    const counted = await rateLimits.hit(key, windowMs);
    if (counted.hits > accountMax) {
      const seconds = Math.ceil(counted.ttlMs / 1000);
      throw new RateLimitedError(`Too many failed sign-ins for this account. Try again in ${Math.ceil(seconds / 60)} minutes.`, seconds);
    }
    try {
      const result = await attempt();
      await rateLimits.takeBack(key);
      return result;
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) await rateLimits.takeBack(key).catch(() => undefined);
      throw error;
    }
  }

  const sessions = sessionReplies(app, config);

  api.post(
    "/api/auth/login",
    {
      config: { access: "public" },
      onRequest: perIp,
      schema: {
        tags: ["auth"],
        summary: "Sign in with email and password",
        description:
          "When the account has a second factor, the answer is `{ mfaRequired: true, mfaToken }` instead: the token (5 minutes, single use) goes to `POST /api/auth/mfa` with a code, or to `POST /api/auth/mfa/passkey` with a passkey. A role in PASSWORD_SIGN_IN_OFF_ROLES gets 403 `password-sign-in-off`.",
        body: loginBodySchema,
        response: { 200: loginAnswerSchema },
      },
    },
    async (request, reply) => {
      const outcome = await withAccountLimit(request.body.email, () => auth.login(request.body.email, request.body.password, requestContext(request)));
      return "mfaRequired" in outcome ? outcome : sessions.answer(reply, outcome);
    },
  );

  api.post(
    "/api/auth/refresh",
    { config: { access: "public" }, schema: { tags: ["auth"], summary: "Rotate the refresh cookie and get a new access token", response: { 200: tokenAnswerSchema } } },
    async (request, reply) => {
      const session = await auth.refresh(request.cookies[REFRESH_COOKIE], requestContext(request));
      sessions.setRefreshCookie(reply, session);
      return { accessToken: sessions.accessTokenFor(session) };
    },
  );

  api.post(
    "/api/auth/logout",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Sign out: the refresh cookie's session ends, and with it every access token naming that session",
        description: "A valid access token sent along ends the session it names too, so a sign-out without the cookie still works.",
      },
    },
    async (request, reply) => {
            const claims = request.headers.authorization ? await verifiedClaims(request) : null;
      await auth.logout(request.cookies[REFRESH_COOKIE], claims && { sessionId: claims.sid, userId: claims.sub });
      reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
      return reply.code(204).send();
    },
  );
}
