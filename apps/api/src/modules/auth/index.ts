/** The auth module's front door: what other modules may use. */
export { hashPassword, verifyPassword } from "./passwords.ts";
export { revokeAllForUser } from "./refresh-tokens.queries.ts";
export { findSessionActor } from "./session-actor.queries.ts";
