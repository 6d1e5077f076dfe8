import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { oidcCallbackQuerySchema } from "@greentape/contract/auth-requests";
import type { Config } from "../../config.ts";
import { requestContext, sessionReplies } from "../auth/index.ts";
import { OidcSignInRefused, type OidcService } from "./oidc.service.ts";

const STEP_COOKIE = "gt_oidc";
const STEP_COOKIE_PATH = "/api/auth/oidc";
const SIGN_IN_PAGE = "/sign-in";

export async function oidcRoutes(app: FastifyInstance, options: { oidc: OidcService; config: Config }) {
  const { oidc, config } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const sessions = sessionReplies(app, config);

  api.get(
    "/api/auth/oidc/start",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Sign in with the council account (OpenID Connect): sends the browser to the identity provider",
        description:
          "302 to the provider's authorisation endpoint (code flow, PKCE S256, state and nonce), with a short-lived httpOnly cookie naming this round trip. 404 when OIDC_ISSUER is not set.",
      },
    },
    async (_request, reply) => {
      const { url, stepToken } = await oidc.start();
      // Lax, not Strict: the provider's redirect back is a cross-site navigation, and must bring it.
      reply.setCookie(STEP_COOKIE, stepToken, { httpOnly: true, sameSite: "lax", secure: config.cookieSecure, path: STEP_COOKIE_PATH, maxAge: 600 });
      return reply.redirect(url.href, 302);
    },
  );

  api.get(
    "/api/auth/oidc/callback",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Where the identity provider sends the browser back (OIDC_REDIRECT_URL)",
        description:
          "Exchanges the code (with the PKCE verifier), checks state, nonce and the ID token, and matches the person by the subject recorded at their first sign-in (by a verified email only that first time). Signed in: the refresh cookie is set and the browser goes to `/sign-in?council=signed-in`. Refused (a wrong state, a code used again, an unknown person, a deactivated account): `/sign-in?council=refused&reason=…`, with no session.",
        querystring: oidcCallbackQuerySchema,
      },
    },
    async (request, reply) => {
      const callbackUrl = new URL(config.oidc?.redirectUrl ?? "http://localhost/");
      callbackUrl.search = new URL(request.url, "http://localhost").search;
      reply.clearCookie(STEP_COOKIE, { path: STEP_COOKIE_PATH });
      try {
        const session = await oidc.finish(request.cookies[STEP_COOKIE], callbackUrl, requestContext(request));
        sessions.setRefreshCookie(reply, session);
        return reply.redirect(`${SIGN_IN_PAGE}?council=signed-in`, 303);
      } catch (error) {
        if (error instanceof OidcSignInRefused) return reply.redirect(`${SIGN_IN_PAGE}?council=refused&reason=${error.reason}`, 303);
        throw error;
      }
    },
  );

  api.get(
    "/api/auth/oidc/end-session",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "After signing out of Green Tape, end the identity provider's session too",
        description: "302 to the provider's end_session_endpoint (with client_id and a post-logout redirect to the sign-in page) when it has one; otherwise to the sign-in page.",
      },
    },
    async (_request, reply) => {
      const signInPage = new URL(`${SIGN_IN_PAGE}`, config.oidc?.redirectUrl ?? "http://localhost/").href;
      const url = oidc.enabled ? await oidc.endSessionUrl(signInPage) : null;
      return reply.redirect(url?.href ?? SIGN_IN_PAGE, 302);
    },
  );
}
