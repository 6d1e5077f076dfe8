/** The schemes module's front door: what other modules may use. */
export { appliesToTeam } from "./scheme-view.ts";
export { findSchemeVersion, listCurrentSchemes, type SchemeVersionRow } from "./schemes.queries.ts";
