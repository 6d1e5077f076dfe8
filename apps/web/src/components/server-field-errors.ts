import type { ApiError } from "../lib/api-client.ts";

/** The server's message for each of these fields it refused, or null when it named none of them. */
export function serverFieldErrors<F extends string>(error: ApiError, fields: readonly F[]): Partial<Record<F, string>> | null {
  const found: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const message = error.fieldMessage(field);
    if (message) found[field] = message;
  }
  return Object.keys(found).length > 0 ? found : null;
}
