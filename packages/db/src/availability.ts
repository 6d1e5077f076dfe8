/**
 * Tells "the database is away" (restart, failover, network, a killed connection) from "this query
 * is wrong". The first is a 503 the caller can retry; the second is a bug or a rule.
 */

/** Node's socket errors: the server is not there, or went away mid-conversation. */
const SOCKET_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);

/** SQLSTATEs that mean the server, not the statement, failed: connection exceptions (08), shutdown and start-up (57P0x), too many connections. */
const UNAVAILABLE_STATES = /^(08...|57P0[1-4]|53300)$/;

/** What pg and pg-pool say when a connection ends or cannot be had, with no SQLSTATE to go by. */
const DRIVER_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "Cannot use a pool after calling end on the pool",
];

function unavailableItself(error: object): boolean {
  const { code, severity, message } = error as { code?: unknown; severity?: unknown; message?: unknown };
  // A FATAL or PANIC error ends the session: the server refused or dropped this connection.
  if (severity === "FATAL" || severity === "PANIC") return true;
  if (typeof code === "string" && (SOCKET_ERRORS.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  return typeof message === "string" && DRIVER_MESSAGES.some((m) => message.startsWith(m));
}

/** True when the error, or one it wraps (drizzle wraps the driver's in `cause`), means the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e = error;
  for (let depth = 0; depth < 5 && typeof e === "object" && e !== null; depth++) {
    if (unavailableItself(e)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** How long a caller is asked to wait (Retry-After) before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
