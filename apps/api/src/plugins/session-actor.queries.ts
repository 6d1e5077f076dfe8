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
          s.sign_in_method as "signInMethod",
          exists (select 1 from totp_factors t where t.user_id = u.id and t.confirmed_at is not null)
            or exists (select 1 from passkeys p where p.user_id = u.id) as "hasSecondFactor"
   from users u
   left join lateral (select r.sign_in_method from refresh_tokens r
                      where r.family_id = :sessionId::uuid and r.user_id = u.id and r.revoked_at is null limit 1) s on true
   where u.id = :userId::uuid`,
);

export interface SessionActor {
  id: string;
  role: Role;
  teamId: string | null;
  name: string;
  email: string;
  active: boolean;
  mustChangePassword: boolean;
  /** How the session began; null when it has been signed out, revoked or ended. */
  signInMethod: "password" | "second_factor" | "oidc" | null;
  hasSecondFactor: boolean;
}

export async function findSessionActor(db: Executor, userId: string, sessionId: string): Promise<SessionActor | undefined> {
  const [row] = await runPrepared<SessionActor, "userId" | "sessionId">(db, SESSION_ACTOR, { userId, sessionId });
  return row;
}
