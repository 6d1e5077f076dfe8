/** The justifications module's front door: what other modules may use. */
export { latestRevision, setJustificationTrack } from "./justifications.queries.ts";
