import { ValidationError } from "@greentape/domain/errors";

/** Opaque page cursors: base64url JSON that callers pass back untouched. */
export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** What each kind of key may hold, so a doctored cursor is refused here rather than by the database. */
const KEY_FORMATS: Record<string, RegExp> = {
  createdAt: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/,
  spentOn: /^\d{4}-\d{2}-\d{2}$/,
  id: /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,18})$/i,
};

const wellFormed = (key: string, value: unknown) =>
  typeof value === "string" && (KEY_FORMATS[key]?.test(value) ?? true) && (key === "id" || !Number.isNaN(Date.parse(value)));

export function decodeCursor<K extends string>(cursor: string | undefined, keys: readonly K[]): Record<K, string> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    if (keys.every((k) => wellFormed(k, value[k]))) return value as Record<K, string>;
  } catch {
    // fall through to the same answer as a cursor of the wrong shape
  }
  throw ValidationError.field("cursor", "This cursor is not valid; start again from the first page");
}
