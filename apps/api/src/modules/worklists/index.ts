/** The worklists module's front door: what other modules may use. */
export { findTeam, receiptMissing } from "./worklists.queries.ts";
export { openWork } from "./worklists.service.ts";
