import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db, Tx } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { UnauthorizedError } from "@greentape/domain/errors";
import type { Clock } from "../../lib/clock.ts";
import { findUserByEmail, findUserById, type UserRow } from "../users/users.queries.ts";
import { dummyPasswordHash, verifyPassword } from "./passwords.ts";
import {
  claimRefreshToken,
  findRefreshTokenByHash,
  insertRefreshToken,
  markReplaced,
  revokeFamily,
} from "./refresh-tokens.queries.ts";

export const REFRESH_TOKEN_DAYS = 14;
const BAD_CREDENTIALS = "The email address or password is not right.";

export interface IssuedSession {
  user: UserRow;
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

export function createAuthService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function issueRefreshToken(tx: Tx, userId: string, familyId: string) {
    const token = randomBytes(32).toString("base64url");
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_DAYS * 86_400_000);
    const row = await insertRefreshToken(tx, { userId, familyId, tokenHash: hashToken(token), expiresAt, createdAt: now });
    return { token, row };
  }

  return {
    async login(email: string, password: string, context: RequestContext): Promise<IssuedSession> {
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
        throw new UnauthorizedError(BAD_CREDENTIALS);
      }
      return db.transaction(async (tx) => {
        const { token, row } = await issueRefreshToken(tx, user.id, randomUUID());
        await appendEvent(
          tx,
          { type: "auth.login_succeeded", actorId: user.id, subjectType: "user", subjectId: user.id, data: { ip: context.ip, userAgent: context.userAgent } },
          clock.now(),
        );
        return { user, refreshToken: token, refreshExpiresAt: row.expiresAt };
      });
    },

    /** Rotates a refresh token. A token used twice means it leaked: its whole family is revoked. */
    async refresh(token: string | undefined, context: RequestContext): Promise<IssuedSession> {
      if (!token) throw new UnauthorizedError("No refresh token was sent.");
      const found = await findRefreshTokenByHash(db, hashToken(token));
      if (!found) throw new UnauthorizedError("This sign-in is not recognised. Sign in again.");
      const now = clock.now();
      const outcome = await db.transaction(async (tx) => {
        const claimed = await claimRefreshToken(tx, found.id, now);
        if (!claimed) {
          const revoked = await revokeFamily(tx, found.familyId, now);
          await appendEvent(
            tx,
            { type: "auth.refresh_reused", actorId: found.userId, subjectType: "user", subjectId: found.userId, data: { familyId: found.familyId, revoked, ip: context.ip } },
            now,
          );
          return { error: "This sign-in was already used and has been ended everywhere. Sign in again." } as const;
        }
        if (claimed.expiresAt <= now) return { error: "This sign-in has expired. Sign in again." } as const;
        const user = await findUserById(tx, claimed.userId);
        if (!user || !user.active) return { error: "This account is not active." } as const;
        const { token: next, row } = await issueRefreshToken(tx, user.id, claimed.familyId);
        await markReplaced(tx, claimed.id, row.id);
        return { session: { user, refreshToken: next, refreshExpiresAt: row.expiresAt } } as const;
      });
      if ("error" in outcome) throw new UnauthorizedError(outcome.error);
      return outcome.session;
    },

    async logout(token: string | undefined, actorId: string | null): Promise<void> {
      if (!token) return;
      const found = await findRefreshTokenByHash(db, hashToken(token));
      if (!found) return;
      await db.transaction(async (tx) => {
        await revokeFamily(tx, found.familyId, clock.now());
        await appendEvent(
          tx,
          { type: "auth.logout", actorId: actorId ?? found.userId, subjectType: "user", subjectId: found.userId, data: { familyId: found.familyId } },
          clock.now(),
        );
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
