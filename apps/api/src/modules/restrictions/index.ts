/** The restrictions module's front door: what other modules may use. */
export { toRestrictionView } from "./restriction-view.ts";
export { restrictionsInForceOf } from "./restrictions.queries.ts";
export { refuseIfSuspended, type RestrictionsService } from "./restrictions.service.ts";
