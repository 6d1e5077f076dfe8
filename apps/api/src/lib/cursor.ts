import { ValidationError } from "@greentape/domain/errors";

/** Opaque page cursors: base64url JSON that callers pass back untouched. */
export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<K extends string>(cursor: string | undefined, keys: readonly K[]): Record<K, string> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    if (keys.every((k) => typeof value[k] === "string")) return value as Record<K, string>;
  } catch {
    // fall through to the same answer as a cursor of the wrong shape
  }
  throw ValidationError.field("cursor", "This cursor is not valid; start again from the first page");
}
