import { createHash, randomBytes } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { ValidationError } from "@greentape/domain/errors";
import { passwordResetMessage, renderEmail } from "@greentape/domain/outbound-messages";
import { passwordProblem } from "@greentape/domain/password-policy";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Mailer } from "../../lib/mailer.ts";
import { hashPassword } from "../../lib/passwords.ts";
import { revokeAllForUser } from "../../lib/sessions.queries.ts";
import type { RateLimits } from "../rate-limits/index.ts";
import { findUserByEmail, findUserById, updateUser } from "../users/index.ts";
import { insertPasswordReset, lockPasswordReset, useAllForUser } from "./password-reset.queries.ts";

export const RESET_LINK_MINUTES = 30;
/** Reset emails one account may be sent per window, so the form cannot flood someone's inbox. */
const MAILS_PER_ACCOUNT = 3;

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Forgotten passwords. Asking answers the same, at the same speed, whether or not the account
 * exists: the request only makes a token, and everything that depends on the account (looking it
 * up, storing the token's hash, sending the email) happens after the answer has gone.
 */
export function createPasswordResetService(deps: { db: Db; clock: Clock; config: Pick<Config, "appUrl" | "loginLimits">; mailer: Mailer; rateLimits: RateLimits; logger: FastifyBaseLogger }) {
  const { db, clock, config, mailer, rateLimits, logger } = deps;
  const pending = new Set<Promise<void>>();

  async function deliver(email: string, token: string, tokenHash: string): Promise<void> {
    // Counted for every address asked about, known or not, so both cost the database the same.
    const sent = await rateLimits.hit(`reset-mail:${email}`, config.loginLimits.windowMs);
    const user = await findUserByEmail(db, email);
    if (!user?.active || sent.hits > MAILS_PER_ACCOUNT) return;
    const now = clock.now();
    await insertPasswordReset(db, { userId: user.id, tokenHash, expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000), createdAt: now });
    // In the fragment: a browser never sends it to a server, so no access log or referrer holds it.
    const url = `${config.appUrl}/reset-password#token=${token}`;
    await mailer.send({ to: user.email, ...renderEmail(passwordResetMessage(RESET_LINK_MINUTES), url) });
  }

  return {
    request(email: string): void {
      const token = randomBytes(32).toString("base64url");
      const work = deliver(email, token, sha256(token))
        .catch((err: unknown) => logger.error({ err }, "could not send a password reset email"))
        .finally(() => pending.delete(work));
      pending.add(work);
    },

    /** Waits for reset emails still being sent (at shutdown, and in tests). */
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.all(pending);
    },

    /** Sets the new password, uses up the link (and any other), and ends every session of the account. */
    async reset(input: { token: string; password: string }): Promise<void> {
      const expired = () => new ValidationError([{ path: "token", message: "This link has expired or has already been used. Ask for a new one." }]);
      await db.transaction(async (tx) => {
        const now = clock.now();
        const link = await lockPasswordReset(tx, sha256(input.token));
        if (!link || link.usedAt !== null || link.expiresAt.getTime() <= now.getTime()) throw expired();
        const user = await findUserById(tx, link.userId);
        if (!user?.active) throw expired();
        const policy = passwordProblem(input.password, user);
        if (policy) throw new ValidationError([{ path: "password", message: policy }]);
        await updateUser(tx, user.id, { passwordHash: await hashPassword(input.password), mustChangePassword: false });
        await useAllForUser(tx, user.id, now);
        const revokedSessions = await revokeAllForUser(tx, user.id, now);
        await appendEvent(tx, { type: "user.password_reset_by_link", actorId: user.id, subjectType: "user", subjectId: user.id, data: { revokedSessions } }, now);
      });
    },
  };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
