import type { FastifyServerOptions } from "fastify";

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

export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    // Pretty lines for a person at a terminal; JSON for everything else.
    ...(process.stdout.isTTY ? { transport: { target: "pino-pretty", options: { translateTime: "HH:MM:ss", ignore: "pid,hostname" } } } : {}),
  };
}
