/** The teams module's front door: what other modules may use. */
export { findTeam } from "./teams.queries.ts";
