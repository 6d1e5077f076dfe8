/** The periods module's front door: what other modules may use. */
export { countedInBookedPeriod, countsInBookedPeriod, ensurePeriod, findPeriod, isoDate, isoUtc, lockPeriodForBooking } from "./periods.queries.ts";
