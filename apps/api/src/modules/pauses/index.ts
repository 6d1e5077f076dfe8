/** The pauses module's front door: what other modules may use. */
export { type PausesService, refuseIfPaused } from "./pauses.service.ts";
