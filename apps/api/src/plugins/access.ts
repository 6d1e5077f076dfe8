import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { z } from "zod";
import { DomainError, ForbiddenError, UnauthorizedError } from "@greentape/domain/errors";
import type { Role } from "@greentape/domain/roles";
import type { Db } from "@greentape/db/client";
import { findSessionActor } from "./session-actor.queries.ts";

/**
 * Every /api route declares who may call it, in `config.access`:
 *   "public"      no sign-in (health, login, refresh)
 *   "signed-in"   any active user
 *   Role[]        only these roles
 * A route that declares nothing stops the app at start-up, so no route is open by omission.
 */
export type Access = "public" | "signed-in" | readonly Role[];

export interface Actor {
  id: string;
  role: Role;
  teamId: string | null;
  name: string;
  email: string;
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    /** Callable while the user still has a temporary password (reading /api/me, changing the password). */
    allowWithTemporaryPassword?: boolean;
    /** Callable before a person whose role needs a second factor has set one up (reading /api/me, enrolling). */
    allowBeforeSecondFactor?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session reaches nothing but enrolment until its person sets up a second factor. */
    secondFactorEnrolmentPending: boolean;
  }
}

declare module "@fastify/jwt" {
  interface FastifyJWT {
    /** `sid` names the session (refresh family): the token is refused as soon as that session ends. */
    payload: { sub: string; role: Role; sid: string };
    user: { sub: string; role: Role; sid: string };
  }
}

/** 403 until a temporary password is replaced; the web sends the person to the change-password screen. */
export class PasswordChangeRequiredError extends DomainError {
  readonly status = 403;
  readonly slug = "password-change-required";
  constructor() {
    super("Change your password first", "You signed in with a temporary password. Choose your own password to continue.");
  }
}

/** 403 until a person whose role needs a second factor has set one up; the web leads them through it. */
export class SecondFactorEnrolmentRequiredError extends DomainError {
  readonly status = 403;
  readonly slug = "second-factor-enrolment-required";
  constructor() {
    super("Set up a second factor first", "Your role needs a second factor to sign in: set up an authenticator app or a passkey to continue.");
  }
}

/**
 * A password alone let this person in although their role needs more: until they set up a second
 * factor, the session reaches nothing but enrolment. A council account (OIDC) sign-in leaves the
 * second factor to the identity provider.
 */
export function needsSecondFactorEnrolment(user: { role: Role; signInMethod: string | null; hasSecondFactor: boolean }, requiredRoles: readonly Role[]): boolean {
  return user.signInMethod === "password" && !user.hasSecondFactor && requiredRoles.includes(user.role);
}

/** Tokens from before sessions were named have no `sid`; they are refused like any invalid one. */
const sessionIdSchema = z.uuid();

/** The request's access token's claims when it is valid and names a session; null otherwise. */
export async function verifiedClaims(request: FastifyRequest): Promise<{ sub: string; role: Role; sid: string } | null> {
  try {
    await request.jwtVerify();
  } catch {
    return null;
  }
  return sessionIdSchema.safeParse(request.user.sid).success ? request.user : null;
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}

export const accessPlugin = fp(async (app: FastifyInstance, options: { db: Db; mfaRequiredRoles: readonly Role[] }) => {
  app.decorateRequest("actor", null);
  app.decorateRequest("secondFactorEnrolmentPending", false);

  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/") && route.config?.access === undefined) {
      throw new Error(`Route ${route.method} ${route.url} must declare config.access`);
    }
  });

  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === "public") return;
    const claims = await verifiedClaims(request);
    if (!claims) throw new UnauthorizedError("Your sign-in is missing, expired or not valid. Sign in again.");
    const { sub, sid } = claims;
    // Look the user and the session up on every request, so a deactivation, role change,
    // sign-out or password change takes effect at once rather than when the token expires.
    const user = await findSessionActor(options.db, sub, sid);
    if (!user || !user.active) throw new UnauthorizedError("This account is not active.");
    if (user.signInMethod === null) throw new UnauthorizedError("This sign-in has ended. Sign in again.");
    request.actor = { id: user.id, role: user.role, teamId: user.teamId, name: user.name, email: user.email };
    if (user.mustChangePassword && !request.routeOptions.config.allowWithTemporaryPassword) throw new PasswordChangeRequiredError();
    request.secondFactorEnrolmentPending = needsSecondFactorEnrolment(user, options.mfaRequiredRoles);
    if (request.secondFactorEnrolmentPending && !request.routeOptions.config.allowBeforeSecondFactor) throw new SecondFactorEnrolmentRequiredError();
    if (access !== "signed-in" && !access.includes(user.role)) {
      throw new ForbiddenError(`This needs one of these roles: ${access.join(", ")}.`);
    }
  });
});
