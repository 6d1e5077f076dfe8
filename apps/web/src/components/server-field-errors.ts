import type { ApiError } from "../lib/api-client.ts";
import type { FieldErrors } from "../lib/field-errors.ts";

/** The server's message for each of these fields it refused, or null when it named none of them. */
export function serverFieldErrors<F extends string>(error: ApiError, fields: readonly F[]): FieldErrors<F> | null {
  const found: FieldErrors<F> = {};
  for (const field of fields) {
    const message = error.fieldMessage(field);
    if (message) found[field] = message;
  }
  return Object.keys(found).length > 0 ? found : null;
}
