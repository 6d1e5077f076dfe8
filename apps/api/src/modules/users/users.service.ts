import type { Db, Executor, Tx } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { ConflictError, NotFoundError, ValidationError } from "@greentape/domain/errors";
import { passwordProblem } from "@greentape/domain/password-policy";
import { isTeamRole, type Role } from "@greentape/domain/roles";
import type { Actor } from "../../plugins/access.ts";
import type { Clock } from "../../lib/clock.ts";
import { hashPassword } from "../../lib/passwords.ts";
import { revokeAllForUser } from "../../lib/sessions.queries.ts";
import { findTeam } from "../teams/index.ts";
import { generateTemporaryPassword } from "./temporary-password.ts";
import type { UserAdminView } from "@greentape/contract/users";
import { toUserAdminView, toUserView } from "./user-view.ts";
import { findUserWithTeam, insertUser, listUsersWithTeams, lockActiveAdmins, lockUser, updateUser } from "./users.queries.ts";
import type { EventType } from "@greentape/domain/event-types";

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  teamId?: string | undefined;
  staffId?: string | undefined;
  temporaryPassword?: string | undefined;
}

export interface UserChanges {
  name?: string | undefined;
  role?: Role | undefined;
  teamId?: string | null | undefined;
  staffId?: string | null | undefined;
  active?: boolean | undefined;
}

/** A user as the admin sees them, with the one-time password when one was just issued. */
export type UserWithPassword = UserAdminView & { temporaryPassword?: string };

async function checkTeam(db: Executor, role: Role, teamId: string | null): Promise<void> {
  if (teamId === null) {
    if (isTeamRole(role)) throw ValidationError.field("teamId", `A ${role} needs a team: choose one`);
    return;
  }
  if (!(await findTeam(db, teamId))) throw ValidationError.field("teamId", "There is no team with this id");
}

async function adminView(db: Executor, userId: string): Promise<UserAdminView> {
  const found = await findUserWithTeam(db, userId);
  if (!found) throw new NotFoundError("User");
  return toUserAdminView(found.user, found.teamName);
}

function eventTypeFor(before: UserAdminView, after: UserAdminView): EventType {
  if (before.active && !after.active) return "user.deactivated";
  if (!before.active && after.active) return "user.reactivated";
  return "user.updated";
}

const changed = (before: UserAdminView, after: UserAdminView) => JSON.stringify(before) !== JSON.stringify(after);

export function createUsersService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /**
   * Demoting or deactivating the last active admin would leave nobody able to run the council.
   * Takes the admins' row locks before the target's, in the same order every time.
   */
  async function guardLastAdmin(tx: Tx, actor: Actor, userId: string, changes: UserChanges): Promise<void> {
    if (changes.active === false && userId === actor.id) {
      throw new ConflictError("cannot-deactivate-self", "You cannot deactivate yourself", "Ask another admin to deactivate your account.", {
        errors: [{ path: "active", message: "You cannot deactivate your own account" }],
      });
    }
    if (changes.role === undefined && changes.active === undefined) return;
    const admins = await lockActiveAdmins(tx);
    const losesAdmin = (changes.role !== undefined && changes.role !== "admin") || changes.active === false;
    if (losesAdmin && admins.length === 1 && admins[0] === userId) {
      throw new ConflictError("last-admin", "This is the last active admin", "Make another user an admin first, so someone can still run Green Tape.", {
        errors: [{ path: changes.active === false ? "active" : "role", message: "The last active admin must stay an active admin" }],
      });
    }
  }

  return {
    /** The signed-in person's own account, with their team's name. */
    async me(actor: Actor) {
      const found = await findUserWithTeam(db, actor.id);
      if (!found) throw new NotFoundError("Your account");
      return { ...toUserView(found.user), teamName: found.teamName };
    },

    async list(): Promise<UserAdminView[]> {
      return (await listUsersWithTeams(db)).map((r) => toUserAdminView(r.user, r.teamName));
    },

    /** The new user must change the password at first sign-in; a generated one is shown only in this answer. */
    async create(actor: Actor, input: NewUser): Promise<UserWithPassword> {
      const generated = input.temporaryPassword === undefined;
      const password = input.temporaryPassword ?? generateTemporaryPassword();
      if (!generated) {
        const problem = passwordProblem(password, input);
        if (problem) throw ValidationError.field("temporaryPassword", problem);
      }
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        await checkTeam(tx, input.role, input.teamId ?? null);
        const created = await insertUser(tx, {
          email: input.email,
          name: input.name,
          role: input.role,
          teamId: input.teamId ?? null,
          staffId: input.staffId ?? null,
          passwordHash,
          mustChangePassword: true,
          createdAt: clock.now(),
        });
        if (!created) {
          throw new ConflictError("email-taken", "Email address already in use", `A user with the email ${input.email} already exists.`, {
            errors: [{ path: "email", message: "Another user already has this email address" }],
          });
        }
        const after = await adminView(tx, created.id);
        await appendEvent(tx, { type: "user.created", actorId: actor.id, subjectType: "user", subjectId: created.id, data: { after } }, clock.now());
        return generated ? { ...after, temporaryPassword: password } : after;
      });
    },

    /**
     * Changes role, team or details, or deactivates: a deactivated user is refused from their very next
     * request (access is checked against the database each time) and every refresh token is revoked here.
     */
    async update(actor: Actor, userId: string, changes: UserChanges): Promise<UserAdminView> {
      return db.transaction(async (tx) => {
        await guardLastAdmin(tx, actor, userId, changes);
        const current = await lockUser(tx, userId);
        if (!current) throw new NotFoundError("User");
        const before = await adminView(tx, userId);
        const role = changes.role ?? current.role;
        const teamId = changes.teamId !== undefined ? changes.teamId : current.teamId;
        if (changes.role !== undefined || changes.teamId !== undefined) await checkTeam(tx, role, teamId);
        await updateUser(tx, userId, {
          name: changes.name ?? current.name,
          role,
          teamId,
          staffId: changes.staffId !== undefined ? changes.staffId : current.staffId,
          active: changes.active ?? current.active,
        });
        const after = await adminView(tx, userId);
        if (!changed(before, after)) return after;
        const revokedSessions = before.active && !after.active ? await revokeAllForUser(tx, userId, clock.now()) : 0;
        await appendEvent(
          tx,
          { type: eventTypeFor(before, after), actorId: actor.id, subjectType: "user", subjectId: userId, data: { before, after, revokedSessions } },
          clock.now(),
        );
        return after;
      });
    },

    /** A new one-time password, to be changed at next sign-in; every session of the user ends. */
    async resetPassword(actor: Actor, userId: string): Promise<UserWithPassword> {
      const password = generateTemporaryPassword();
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        if (!(await lockUser(tx, userId))) throw new NotFoundError("User");
        await updateUser(tx, userId, { passwordHash, mustChangePassword: true });
        const revokedSessions = await revokeAllForUser(tx, userId, clock.now());
        const after = await adminView(tx, userId);
        await appendEvent(tx, { type: "user.password_reset", actorId: actor.id, subjectType: "user", subjectId: userId, data: { revokedSessions } }, clock.now());
        return { ...after, temporaryPassword: password };
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
