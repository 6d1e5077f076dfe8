/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula, and some also treat
 * a leading tab or carriage return that way. A text cell starting with any of these is written
 * with a leading `'`, which spreadsheets read as "this is text". Amounts are written as numbers
 * and never pass through here, so a negative amount stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
