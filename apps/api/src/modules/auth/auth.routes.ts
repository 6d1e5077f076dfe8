import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { RateLimitedError } from "@greentape/domain/errors";
import type { Config } from "../../config.ts";
import { verifiedClaims } from "../../plugins/access.ts";
import { userViewSchema, toUserView } from "../users/user-view.ts";
import type { AuthService, IssuedSession } from "./auth.service.ts";

export const REFRESH_COOKIE = "gt_refresh";
const COOKIE_PATH = "/api/auth";

const loginBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: "Enter an email address like name@example.org" })).pipe(z.string().max(254)),
  password: z.string().min(1, "Enter your password").max(1024),
});
const tokenAnswer = z.object({ accessToken: z.string() });

export async function authRoutes(app: FastifyInstance, options: { auth: AuthService; config: Config }) {
  const { auth, config } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  const tooMany = (what: string) => (_req: FastifyRequest, context: { after: string }) =>
    new RateLimitedError(`Too many sign-in attempts ${what}. Try again in ${context.after}.`, { retryAfter: context.after });
  const perIp = app.rateLimit({
    max: config.loginLimits.perIp,
    timeWindow: config.loginLimits.windowMs,
    keyGenerator: (request) => `ip:${request.ip}`,
    errorResponseBuilder: tooMany("from this network"),
  });
  // The plugin runs one limiter per request, so the per-account check is applied by hand.
  const accountLimiter = app.createRateLimit({
    max: config.loginLimits.perAccount,
    timeWindow: config.loginLimits.windowMs,
    keyGenerator: (request) => `account:${(request.body as { email?: string } | undefined)?.email ?? ""}`,
  });
  const perAccount = async (request: FastifyRequest) => {
    const limit = await accountLimiter(request);
    if (!limit.isAllowed && limit.isExceeded) {
      throw new RateLimitedError(`Too many sign-in attempts for this account. Try again in ${Math.ceil(limit.ttlInSeconds / 60)} minutes.`, {
        retryAfter: limit.ttlInSeconds,
      });
    }
  };

  function setRefreshCookie(reply: FastifyReply, session: IssuedSession) {
    reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      sameSite: "strict",
      secure: config.cookieSecure,
      path: COOKIE_PATH,
      expires: session.refreshExpiresAt,
    });
  }

  function accessTokenFor(session: IssuedSession): string {
    return app.jwt.sign({ sub: session.user.id, role: session.user.role, sid: session.sessionId });
  }

  const context = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers["user-agent"] });

  api.post(
    "/api/auth/login",
    {
      config: { access: "public" },
      onRequest: perIp,
      preHandler: perAccount,
      schema: {
        tags: ["auth"],
        summary: "Sign in with email and password",
        body: loginBody,
        response: { 200: z.object({ accessToken: z.string(), user: userViewSchema }) },
      },
    },
    async (request, reply) => {
      const session = await auth.login(request.body.email, request.body.password, context(request));
      setRefreshCookie(reply, session);
      return { accessToken: accessTokenFor(session), user: toUserView(session.user) };
    },
  );

  api.post(
    "/api/auth/refresh",
    { config: { access: "public" }, schema: { tags: ["auth"], summary: "Rotate the refresh cookie and get a new access token", response: { 200: tokenAnswer } } },
    async (request, reply) => {
      const session = await auth.refresh(request.cookies[REFRESH_COOKIE], context(request));
      setRefreshCookie(reply, session);
      return { accessToken: accessTokenFor(session) };
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
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      return reply.code(204).send();
    },
  );
}
