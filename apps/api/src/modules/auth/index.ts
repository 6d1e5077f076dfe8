/** The auth module's front door: what other modules may use. */
export type { AuthService, IssuedSession, RequestContext } from "./auth.service.ts";
export { requestContext, sessionReplies } from "./session-reply.ts";
