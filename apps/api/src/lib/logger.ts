import type { FastifyRequest, FastifyServerOptions } from "fastify";

/** Secrets, narratives, client names and equality-monitoring answers never reach the logs. */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.password",
  "*.accessToken",
  "*.refreshToken",
  "*.narrative",
  "*.clientView",
  "*.displayName",
  "*.notes",
  // A client's equality-monitoring answers.
  "*.ageBand",
  "*.sex",
  "*.ethnicGroup",
  "*.disability",
];

/** Where log lines go instead of standard output (a test reads them back). */
export interface LogDestination {
  write(line: string): void;
}

/** What a database error may say about itself: where it happened, never the values involved. */
const DATABASE_FIELDS = ["severity", "schema", "table", "column", "dataType", "constraint", "routine"] as const;

interface SerializedError {
  type: string;
  message: string;
  code?: string;
  statusCode?: number;
  stack: string;
  cause?: SerializedError;
  [field: string]: unknown;
}

/**
 * Quoted text in an error message is data (PostgreSQL's `invalid input syntax for type uuid: "…"`,
 * JSON.parse's `"…" is not valid JSON`), and so is anything after a line break (drizzle's
 * `params:` line). Only the first line survives, with its quotations blanked.
 */
function scrub(message: string): string {
  const firstLine = message.split("\n", 1)[0] ?? "";
  return firstLine.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/(^|[^\p{L}\p{N}])'[^']*'/gu, "$1'…'");
}

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

function serialize(error: unknown, depth: number): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: "(not an Error)", stack: "" };
  const record = error as Error & Record<string, unknown>;
  // A failed drizzle query carries its SQL and every bound value (narratives, names, password
  // hashes): it says only that the query failed; its cause says why.
  const isQueryError = "params" in record && "query" in record;
  // The frames only: a stack's first line repeats the message.
  const frames = (error.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
  const serialized: SerializedError = { type: error.constructor.name, message: isQueryError ? "Failed query" : scrub(error.message), stack: frames.join("\n") };
  const code = codeOf(error);
  if (code) serialized.code = code;
  if (typeof record.statusCode === "number") serialized.statusCode = record.statusCode;
  for (const field of DATABASE_FIELDS) if (typeof record[field] === "string") serialized[field] = record[field];
  if (error.cause !== undefined && depth < 4) {
    serialized.cause = serialize(error.cause, depth + 1);
    serialized.code ??= serialized.cause.code;
  }
  return serialized;
}

/** The one serializer every logged error goes through, under `err` or `error`. */
export function serializeError(error: unknown): SerializedError {
  return serialize(error, 0);
}

/** A request as logged: its path, not its query string, which may carry a search for a person's name. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url.split("?", 1)[0],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function loggerOptions(level: string, destination?: LogDestination): FastifyServerOptions["logger"] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError, error: serializeError, req: serializeRequest },
    ...(destination
      ? { stream: destination }
      : // Pretty lines for a person at a terminal; JSON for everything else.
        process.stdout.isTTY
        ? { transport: { target: "pino-pretty", options: { translateTime: "HH:MM:ss", ignore: "pid,hostname" } } }
        : {}),
  };
}
