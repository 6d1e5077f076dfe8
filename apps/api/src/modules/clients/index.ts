/** The clients module's front door: what other modules may use. */
export { findClient } from "./clients.queries.ts";
