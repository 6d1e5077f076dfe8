/**
 * Money is an integer number of minor units (pence) everywhere: database, JSON, UI state.
 * Nothing here goes through a float, so "0.29" is 29, never 28.999…
 */

/** An amount in minor units (e.g. pence). A plain number, kept a safe integer by the functions here. */
export type MinorUnits = number;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// Whole part: plain digits, or digits in correct groups of three ("1,234,567").
// A lone comma group like "12,50" is refused: it is a European decimal comma, and reading it as
// 1250 pounds would be a hundredfold mistake.
const AMOUNT = /^(?:(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?|\.(\d{1,2}))$/;

/**
 * Parses what a person types ("12.50", "12.5", "12", "£1,234.56", ".5", " £ 3 ") into minor units.
 *
 * Returns `null` for anything that is not a plain non-negative amount: more than two decimals,
 * a sign, letters, a decimal comma, a trailing point ("12."), an empty string, or a value above
 * Number.MAX_SAFE_INTEGER minor units. Zero parses to 0; whether 0 is acceptable is the caller's
 * rule (see `isMinorAmount`).
 */
export function parseMoney(text: string): MinorUnits | null {
  const trimmed = text.trim();
  const body = trimmed.startsWith("£") ? trimmed.slice(1).trimStart() : trimmed;
  const match = AMOUNT.exec(body);
  if (!match) return null;
  const whole = (match[1] ?? "0").replaceAll(",", "");
  const fraction = (match[2] ?? match[3] ?? "").padEnd(2, "0");
  const minor = BigInt(whole + fraction);
  if (minor > MAX_SAFE) return null;
  return Number(minor);
}

/** True for a safe, positive integer: the only thing a spend amount may be. */
export function isMinorAmount(n: unknown): n is MinorUnits {
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0;
}

function assertSafeInteger(minor: number): void {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`Money must be a safe integer of minor units, got ${String(minor)}`);
  }
}

/**
 * Exact decimal text for an integer amount: 1250 → "12.50", -305 → "-3.05", 7 → "0.07".
 * Used by exports, so it is pure integer/string work. `fractionDigits` is the currency's
 * minor-unit exponent (2 for GBP/EUR/USD, 0 for JPY).
 */
export function toDecimalString(minor: MinorUnits, fractionDigits = 2): string {
  assertSafeInteger(minor);
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0) {
    throw new RangeError(`fractionDigits must be a non-negative integer, got ${fractionDigits}`);
  }
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor));
  if (fractionDigits === 0) return sign + digits;
  const padded = digits.padStart(fractionDigits + 1, "0");
  const cut = padded.length - fractionDigits;
  return `${sign}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-GB", { style: "currency", currency });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/**
 * Display text for an amount: 1250 → "£12.50", -305 → "-£3.05".
 * The number is handed to Intl as an exact decimal string (never minor / 100), so large
 * amounts display exactly. Assumes the currency's minor unit is the one Intl uses for it.
 */
export function formatMoney(minor: MinorUnits, currency = "GBP"): string {
  const formatter = formatterFor(currency);
  const fractionDigits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(toDecimalString(minor, fractionDigits) as `${number}`);
}
