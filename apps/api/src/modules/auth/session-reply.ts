import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { SessionAnswer } from "@greentape/contract/auth";
import type { Config } from "../../config.ts";
import { toUserView } from "../users/index.ts";
import type { IssuedSession, RequestContext } from "./auth.service.ts";

export const REFRESH_COOKIE = "gt_refresh";
export const REFRESH_COOKIE_PATH = "/api/auth";

export const requestContext = (request: FastifyRequest): RequestContext => ({ ip: request.ip, userAgent: request.headers["user-agent"] });

/**
 * How every way of signing in ends (password, second factor, council account): the rotating
 * refresh cookie, and an access token naming the session.
 */
export function sessionReplies(app: FastifyInstance, config: Pick<Config, "cookieSecure">) {
  function setRefreshCookie(reply: FastifyReply, session: IssuedSession) {
    reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      sameSite: "strict",
      secure: config.cookieSecure,
      path: REFRESH_COOKIE_PATH,
      expires: session.refreshExpiresAt,
    });
  }
  function accessTokenFor(session: IssuedSession): string {
    return app.jwt.sign({ sub: session.user.id, role: session.user.role, sid: session.sessionId });
  }
  return {
    setRefreshCookie,
    accessTokenFor,
    answer(reply: FastifyReply, session: IssuedSession): SessionAnswer {
      setRefreshCookie(reply, session);
      return { accessToken: accessTokenFor(session), user: toUserView(session.user) };
    },
  };
}
