/** The ledger-codes module's front door: what other modules may use. */
export { unmappedCategories } from "./ledger-codes.queries.ts";
