import * as client from "openid-client";
import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { DomainError, NotFoundError } from "@greentape/domain/errors";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { AuthService, IssuedSession, RequestContext } from "../auth/index.ts";
import { beginStep, findOpenStep, useStep } from "../sign-in-steps/index.ts";
import * as q from "./oidc.queries.ts";

/** How long the trip to the identity provider and back may take. */
const ROUND_TRIP_MS = 10 * 60_000;

export type OidcRefusal = "no_round_trip" | "idp_refused" | "unknown_subject" | "email_not_verified" | "deactivated";

/** A council account sign-in that did not lead to a Green Tape session; `reason` says why, for the sign-in page. */
export class OidcSignInRefused extends DomainError {
  readonly status = 401;
  readonly slug = "oidc-sign-in-refused";
  constructor(readonly reason: OidcRefusal) {
    super("Council account sign-in refused", `The council account sign-in did not succeed (${reason}).`, { reason });
  }
}

/** Entra ID's `oid` names the person across the tenant's apps; elsewhere `sub` is the stable subject. */
function stableSubject(claims: client.IDToken): string {
  return typeof claims["oid"] === "string" && claims["oid"] !== "" ? claims["oid"] : claims.sub;
}

/**
 * Signing in with the council's identity provider: authorisation code flow with PKCE, state and
 * nonce, the provider found by discovery. Nobody gets an account by signing in: the subject is
 * matched to an account an admin made, by email only the first time (and only a verified email).
 */
export function createOidcService(deps: { db: Db; clock: Clock; settings: NonNullable<Config["oidc"]> | undefined; auth: AuthService }) {
  const { db, clock, settings, auth } = deps;
  let discovered: Promise<client.Configuration> | undefined;

  function configured(): NonNullable<Config["oidc"]> {
    if (!settings) throw new NotFoundError("Council account sign-in (it is not set up here)");
    return settings;
  }

  /** Discovered once, on first use; a failure is not kept, so the next sign-in tries again. */
  function configuration(): Promise<client.Configuration> {
    const oidc = configured();
    discovered ??= client
      .discovery(oidc.issuer, oidc.clientId, oidc.clientSecret, undefined, oidc.issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  async function refuse(reason: OidcRefusal, subject: string | null, context: RequestContext): Promise<never> {
    await db.transaction((tx) =>
      appendEvent(tx, { type: "auth.oidc_refused", actorId: null, subjectType: "user", subjectId: subject ?? "unknown", data: { reason, ip: context.ip } }, clock.now()),
    );
    throw new OidcSignInRefused(reason);
  }

  return {
    enabled: settings !== undefined,

    /** The provider's authorisation URL, and the step token the browser keeps in a cookie until it comes back. */
    async start(): Promise<{ url: URL; stepToken: string }> {
      const config = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const stepToken = await beginStep(db, { purpose: "oidc", userId: null, data: { codeVerifier, state, nonce }, now: clock.now(), lifetimeMs: ROUND_TRIP_MS });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: configured().redirectUrl,
        scope: "openid email profile",
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      return { url, stepToken };
    },

    /** The provider sent the browser back: the code is exchanged, the ID token checked, and the person matched. */
    async finish(stepToken: string | undefined, callbackUrl: URL, context: RequestContext): Promise<IssuedSession> {
      const config = await configuration();
      const step = stepToken ? await findOpenStep(db, "oidc", stepToken, clock.now()) : undefined;
      // Used up before the exchange: a callback replayed with the same cookie gets nowhere.
      if (!step || !(await useStep(db, step.tokenHash, clock.now()))) return refuse("no_round_trip", null, context);
      const { codeVerifier, state, nonce } = step.data;
      let claims: client.IDToken | undefined;
      let email: unknown;
      let emailVerified: unknown;
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: codeVerifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
        claims = tokens.claims();
        if (claims) {
          // Entra ID sends no email_verified; its xms_edov (the tenant verified the email's domain) stands for it.
          ({ email, email_verified: emailVerified = claims["xms_edov"] } = claims);
          // A provider may keep the email out of the ID token and answer it from userinfo (for this subject only).
          if (email === undefined) ({ email, email_verified: emailVerified } = await client.fetchUserInfo(config, tokens.access_token, claims.sub));
        }
      } catch {
        // A wrong state, a code already used, a bad signature or nonce: the library names it; the person is refused the same.
        return refuse("idp_refused", null, context);
      }
      if (!claims) return refuse("idp_refused", null, context);
      const subject = stableSubject(claims);
      // Matched by the subject recorded at the first sign-in; by email only that first time.
      const known = await q.findUserBySubject(db, subject);
      let user = known;
      if (!user) {
        const address = typeof email === "string" ? email.trim().toLowerCase() : "";
        if (address === "") return refuse("unknown_subject", subject, context);
        if (emailVerified !== true) return refuse("email_not_verified", subject, context);
        user = await q.findUnlinkedUserByEmail(db, address);
        if (!user) return refuse("unknown_subject", subject, context);
      }
      if (!user.active) return refuse("deactivated", subject, context);
      const person = user;
      const session = await db.transaction(async (tx) => {
        if (!known) {
          // Only while the account has no subject yet: two first sign-ins at once link it once.
          if (!(await q.linkSubject(tx, person.id, subject))) return undefined;
          await appendEvent(tx, { type: "auth.oidc_linked", actorId: person.id, subjectType: "user", subjectId: person.id, data: { issuer: configured().issuer.href } }, clock.now());
        }
        return auth.startSession(tx, person, "oidc", context);
      });
      return session ?? refuse("unknown_subject", subject, context);
    },

    /** Where to send the browser to end the provider's session too; null when the provider has no end-session endpoint. */
    async endSessionUrl(postLogoutRedirectUri: string): Promise<URL | null> {
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, { client_id: configured().clientId, post_logout_redirect_uri: postLogoutRedirectUri });
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
