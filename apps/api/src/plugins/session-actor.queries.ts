import { preparedStatement, runPrepared } from "@greentape/db/prepared";
import type { Executor } from "@greentape/db/client";
import type { Role } from "@greentape/domain/roles";

/**
 * Who is calling, and whether their session still stands, in one prepared round trip: every
 * signed-in request asks this, so it is parsed and planned once per connection, not per request.
 */
const SESSION_ACTOR = preparedStatement<"userId" | "sessionId">(
  "session_actor",
  `select u.id, u.role, u.team_id as "teamId", u.name, u.email, u.active, u.must_change_password as "mustChangePassword",
          exists (select 1 from refresh_tokens r where r.family_id = :sessionId::uuid and r.user_id = u.id and r.revoked_at is null) as live
   from users u where u.id = :userId::uuid`,
);

export interface SessionActor {
  id: string;
  role: Role;
  teamId: string | null;
  name: string;
  email: string;
  active: boolean;
  mustChangePassword: boolean;
  /** The session (refresh family) the token names has not been signed out, revoked or ended. */
  live: boolean;
}

export async function findSessionActor(db: Executor, userId: string, sessionId: string): Promise<SessionActor | undefined> {
  const [row] = await runPrepared<SessionActor, "userId" | "sessionId">(db, SESSION_ACTOR, { userId, sessionId });
  return row;
}
