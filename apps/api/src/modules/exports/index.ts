/** The exports module's front door: what other modules may use. */
export type { ExportsService } from "./exports.service.ts";
