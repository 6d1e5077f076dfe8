/**
 * Canonical JSON for hashing: object keys sorted by code unit, no whitespace, arrays in order.
 * Close to RFC 8785 for the values we store (strings, safe integers, booleans, null), so an
 * outside auditor can recompute an event's hash with any JSON library that sorts keys.
 */
export type Canonicalizable =
  | string
  | number
  | boolean
  | null
  | Canonicalizable[]
  | { [key: string]: Canonicalizable | undefined };

export function canonicalJson(value: Canonicalizable): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new TypeError("canonicalJson: numbers must be finite");
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as Canonicalizable)}`);
  return `{${entries.join(",")}}`;
}
