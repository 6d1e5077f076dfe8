import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { DomainError, ForbiddenError, UnauthorizedError } from "@greentape/domain/errors";
import type { Role } from "@greentape/domain/roles";
import type { Db } from "@greentape/db/client";
import { findUserById } from "../modules/users/users.queries.ts";

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
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

declare module "@fastify/jwt" {
  interface FastifyJWT {
    payload: { sub: string; role: Role };
    user: { sub: string; role: Role };
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

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}

export const accessPlugin = fp(async (app: FastifyInstance, options: { db: Db }) => {
  app.decorateRequest("actor", null);

  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/") && route.config?.access === undefined) {
      throw new Error(`Route ${route.method} ${route.url} must declare config.access`);
    }
  });

  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === "public") return;
    try {
      await request.jwtVerify();
    } catch {
      throw new UnauthorizedError("Your sign-in is missing, expired or not valid. Sign in again.");
    }
    // Look the user up on every request so a deactivation or role change takes effect at once.
    const user = await findUserById(options.db, request.user.sub);
    if (!user || !user.active) throw new UnauthorizedError("This account is not active.");
    request.actor = { id: user.id, role: user.role, teamId: user.teamId, name: user.name, email: user.email };
    if (user.mustChangePassword && !request.routeOptions.config.allowWithTemporaryPassword) throw new PasswordChangeRequiredError();
    if (access !== "signed-in" && !access.includes(user.role)) {
      throw new ForbiddenError(`This needs one of these roles: ${access.join(", ")}.`);
    }
  });
});
