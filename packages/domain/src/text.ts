import { z } from "zod/mini";

// PostgreSQL text cannot hold NUL, and other control characters in a name or payee are never
// intended; a multi-line field may keep newlines and tabs.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- as above
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Whether one-line text (a name, a file's name) holds a control character: never intended, and NUL cannot be stored. */
export function hasControlCharacter(text: string): boolean {
  return SINGLE_LINE_FORBIDDEN.test(text);
}

/** A trimmed single-line text field of 1..max characters. */
export function line(max: number, label = "This") {
  return z.string().check(z.trim(), z.minLength(1, `${label} is required`), z.maxLength(max, `${label} must be ${max} characters or fewer`), z.refine((s) => !hasControlCharacter(s), `${label} must not contain control characters`));
}

/** A trimmed multi-line text field of min..max characters. */
export function prose(min: number, max: number, label = "This") {
  return z.string().check(z.trim(), z.minLength(min, min <= 1 ? `${label} is required` : `${label} must be at least ${min} characters`), z.maxLength(max, `${label} must be ${max} characters or fewer`), z.refine((s) => !MULTI_LINE_FORBIDDEN.test(s), `${label} must not contain control characters`));
}

export const isoDate = (label = "Date") =>
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date like 2026-03-31`));
