import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { NotFoundError, ValidationError, type FieldProblem } from "@greentape/domain/errors";
import { passwordProblem } from "@greentape/domain/password-policy";
import type { Actor } from "../../plugins/access.ts";
import type { Clock } from "../../lib/clock.ts";
import { hashPassword, verifyPassword } from "../../lib/passwords.ts";
import { revokeAllForUser } from "../../lib/sessions.queries.ts";
import { findUserById, toUserView, updateUser } from "../users/index.ts";

export function createPasswordsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    /**
     * Changes the caller's own password and ends every refresh session of theirs, this one included:
     * the refresh cookie is scoped to /api/auth, so this request cannot tell which session is its own.
     * The web signs in again with the new password straight after.
     */
    async change(actor: Actor, input: { currentPassword: string; newPassword: string }) {
      const user = await findUserById(db, actor.id);
      if (!user) throw new NotFoundError("Your account");
      const problems: FieldProblem[] = [];
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        problems.push({ path: "currentPassword", message: "This is not your current password" });
      }
      const policy = passwordProblem(input.newPassword, user);
      if (policy) problems.push({ path: "newPassword", message: policy });
      else if (await verifyPassword(user.passwordHash, input.newPassword)) {
        problems.push({ path: "newPassword", message: "Choose a password different from your current one" });
      }
      if (problems.length > 0) throw new ValidationError(problems);

      const passwordHash = await hashPassword(input.newPassword);
      return db.transaction(async (tx) => {
        const updated = await updateUser(tx, user.id, { passwordHash, mustChangePassword: false });
        if (!updated) throw new NotFoundError("Your account");
        const revokedSessions = await revokeAllForUser(tx, user.id, clock.now());
        await appendEvent(
          tx,
          { type: "user.password_changed", actorId: user.id, subjectType: "user", subjectId: user.id, data: { wasTemporary: user.mustChangePassword, revokedSessions } },
          clock.now(),
        );
        return toUserView(updated);
      });
    },
  };
}

export type PasswordsService = ReturnType<typeof createPasswordsService>;
