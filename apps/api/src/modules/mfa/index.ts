/** The mfa module's front door: what other modules may use. */
export { hasSecondFactor } from "./mfa.queries.ts";
