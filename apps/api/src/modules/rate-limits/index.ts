/** The rate-limits module's front door: what other modules may use. */
export type { RateLimits } from "./rate-limits.service.ts";
