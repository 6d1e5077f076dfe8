import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import type { Db, Tx } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { AccountDeactivatedError, DomainError, UnauthorizedError } from "@greentape/domain/errors";
import type { Role } from "@greentape/domain/roles";
import type { Clock } from "../../lib/clock.ts";
import { beginStep } from "../sign-in-steps/index.ts";
import { findUserByEmail, findUserById, type UserRow } from "../users/index.ts";
import { dummyPasswordHash, verifyPassword } from "../../lib/passwords.ts";
import {
  findRefreshTokenByHash,
  insertRefreshToken,
  lockRefreshTokenByHash,
  markRotated,
  revokeFamily,
  type RefreshTokenRow,
} from "./refresh-tokens.queries.ts";

export const REFRESH_TOKEN_DAYS = 14;
const BAD_CREDENTIALS = "The email address or password is not right.";

export type SignInMethod = RefreshTokenRow["signInMethod"];

/** How long the second-factor step after a right password stays open. */
export const SECOND_FACTOR_STEP_MS = 5 * 60_000;

/** A role whose password sign-in is switched off (PASSWORD_SIGN_IN_OFF_ROLES) uses the council account. */
export class PasswordSignInOffError extends DomainError {
  readonly status = 403;
  readonly slug = "password-sign-in-off";
  constructor() {
    super("Sign in with your council account", "People in your role sign in with their council account, not a password.");
  }
}

/** The password was right; the account has a second factor, which completes the sign-in. */
export interface SecondFactorNeeded {
  mfaRequired: true;
  mfaToken: string;
}

export interface IssuedSession {
  user: UserRow;
  /** The refresh family; every access token names it (`sid`) and is refused once it ends. */
  sessionId: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export interface RequestContext {
  ip: string;
  userAgent: string | undefined;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface AuthSettings {
  /** How long a rotated refresh token still leads to its successor instead of counting as reuse. */
  refreshGraceSeconds: number;
  /** Keys the successor derivation, so only the server can tell a token's successor. */
  successorKey: string;
  passwordSignInOffRoles: readonly Role[];
}

export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  settings: AuthSettings;
  /** Whether the person has a second factor set up, which a password sign-in then needs too (the mfa module's). */
  hasSecondFactor: (tx: Tx, userId: string) => Promise<boolean>;
}) {
  const { db, clock, settings, hasSecondFactor } = deps;

  /**
   * A rotated token's successor is derived from it, not stored: a second use within the grace
   * window can be answered with the very same successor although only its hash is kept.
   */
  const successorOf = (token: string) => createHmac("sha256", settings.successorKey).update(`refresh-successor:${token}`).digest("base64url");

  /**
   * The live token that `token` leads to: itself while not revoked; its successor (and so on)
   * when it was rotated within the grace window. Undefined when the session cannot go on from it.
   */
  async function liveTokenFrom(tx: Tx, row: RefreshTokenRow, token: string, now: Date): Promise<{ row: RefreshTokenRow; token: string } | undefined> {
    if (row.revokedAt === null) return { row, token };
    const inGrace = now.getTime() - row.revokedAt.getTime() < settings.refreshGraceSeconds * 1000;
    if (!row.replacedBy || !inGrace) return undefined;
    const successor = successorOf(token);
    const next = await lockRefreshTokenByHash(tx, hashToken(successor));
    if (!next || next.id !== row.replacedBy) return undefined;
    return liveTokenFrom(tx, next, successor, now);
  }

  async function issueRefreshToken(tx: Tx, userId: string, familyId: string, signInMethod: SignInMethod, token = randomBytes(32).toString("base64url")) {
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_DAYS * 86_400_000);
    const row = await insertRefreshToken(tx, { userId, familyId, tokenHash: hashToken(token), expiresAt, createdAt: now, signInMethod });
    return { token, row };
  }

  /** A new session for someone who has proved who they are, in the caller's transaction, with its event. */
  async function startSession(tx: Tx, user: UserRow, method: SignInMethod, context: RequestContext): Promise<IssuedSession> {
    const { token, row } = await issueRefreshToken(tx, user.id, randomUUID(), method);
    await appendEvent(
      tx,
      { type: "auth.login_succeeded", actorId: user.id, subjectType: "user", subjectId: user.id, data: { ip: context.ip, userAgent: context.userAgent, method } },
      clock.now(),
    );
    return { user, sessionId: row.familyId, refreshToken: token, refreshExpiresAt: row.expiresAt };
  }

  return {
    startSession,

    async login(email: string, password: string, context: RequestContext): Promise<IssuedSession | SecondFactorNeeded> {
      const user = await findUserByEmail(db, email);
      // Verify against a real hash even for an unknown account, so timing does not reveal who exists.
      const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
      if (!user || !passwordOk || !user.active) {
        await db.transaction((tx) =>
          appendEvent(
            tx,
            {
              type: "auth.login_failed",
              actorId: user?.id ?? null,
              subjectType: "user",
              subjectId: user?.id ?? email.toLowerCase(),
              data: { email: email.toLowerCase(), ip: context.ip, reason: !user ? "unknown_account" : !user.active ? "inactive" : "wrong_password" },
            },
            clock.now(),
          ),
        );
        // Only someone who knows the password learns the account is deactivated (and whom to ask);
        // to anyone else it reads as a wrong password, so who has an account stays private.
        if (user && passwordOk) throw new AccountDeactivatedError();
        throw new UnauthorizedError(BAD_CREDENTIALS);
      }
      if (settings.passwordSignInOffRoles.includes(user.role)) throw new PasswordSignInOffError();
      return db.transaction(async (tx) => {
        if (await hasSecondFactor(tx, user.id)) {
          const mfaToken = await beginStep(tx, { purpose: "second_factor", userId: user.id, now: clock.now(), lifetimeMs: SECOND_FACTOR_STEP_MS });
          return { mfaRequired: true, mfaToken } as const;
        }
        return startSession(tx, user, "password", context);
      });
    },

    /**
     * Rotates a refresh token. The same token shown again within the grace window (a reply lost
     * on a weak signal, two tabs, a retry) gets the same successor, and the session goes on.
     * Shown after the window, it means the token leaked: its whole family is revoked.
     */
    async refresh(token: string | undefined, context: RequestContext): Promise<IssuedSession> {
      if (!token) throw new UnauthorizedError("No refresh token was sent.");
      const now = clock.now();
      const outcome = await db.transaction(async (tx) => {
        const found = await lockRefreshTokenByHash(tx, hashToken(token));
        if (!found) return { error: "This sign-in is not recognised. Sign in again." } as const;
        const live = await liveTokenFrom(tx, found, token, now);
        if (!live) {
          const revoked = await revokeFamily(tx, found.familyId, now);
          await appendEvent(
            tx,
            { type: "auth.refresh_reused", actorId: found.userId, subjectType: "user", subjectId: found.userId, data: { familyId: found.familyId, revoked, ip: context.ip } },
            now,
          );
          return { error: "This sign-in was already used and has been ended everywhere. Sign in again." } as const;
        }
        if (live.row.expiresAt <= now) return { error: "This sign-in has expired. Sign in again." } as const;
        const user = await findUserById(tx, live.row.userId);
        if (!user || !user.active) return { error: "This account is not active." } as const;
        const session = { user, sessionId: live.row.familyId };
        // Reached through the grace window: the successor is already issued, so answer with it.
        if (live.row.id !== found.id) return { session: { ...session, refreshToken: live.token, refreshExpiresAt: live.row.expiresAt } } as const;
        const { token: next, row } = await issueRefreshToken(tx, user.id, found.familyId, found.signInMethod, successorOf(token));
        await markRotated(tx, found.id, row.id, now);
        return { session: { ...session, refreshToken: next, refreshExpiresAt: row.expiresAt } } as const;
      });
      if ("error" in outcome) throw new UnauthorizedError(outcome.error);
      return outcome.session;
    },

    /**
     * Ends the refresh cookie's session and the one the access token names (normally the same):
     * either alone is enough, so a sign-out sent without the cookie still ends the session.
     */
    async logout(token: string | undefined, named: { sessionId: string; userId: string } | null): Promise<void> {
      const found = token ? await findRefreshTokenByHash(db, hashToken(token)) : undefined;
      const sessions = new Map<string, string>();
      if (found) sessions.set(found.familyId, found.userId);
      if (named) sessions.set(named.sessionId, named.userId);
      if (sessions.size === 0) return;
      const now = clock.now();
      await db.transaction(async (tx) => {
        for (const [familyId, userId] of sessions) {
          await revokeFamily(tx, familyId, now);
          await appendEvent(tx, { type: "auth.logout", actorId: userId, subjectType: "user", subjectId: userId, data: { familyId } }, now);
        }
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
