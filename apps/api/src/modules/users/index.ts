/** The users module's front door: what other modules may use. */
export { toUserView } from "./user-view.ts";
export { findUserByEmail, findUserById, updateUser, type UserRow } from "./users.queries.ts";
