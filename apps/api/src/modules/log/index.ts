/** The verifiable log's front door: what other modules, the app and the command-line tools may use. */
export { logRoutes } from "./log.routes.ts";
export { createLogService, databaseSource, type LogService } from "./log.service.ts";
export { latestCheckpoint } from "./log.queries.ts";
export { createSequencer } from "./sequencer.ts";
export { loadSigningKey } from "./signing-key.ts";
export { nodeVerify } from "./node-ed25519.ts";
