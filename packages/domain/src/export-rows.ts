/**
 * The rows finance exports for a period, and how each file format writes them. Pure: the API
 * streams rows out of the database and hands each batch to these functions.
 *
 * One row per spend booked in the period (voided ones included and marked) and one per reversal
 * booked in it. A row "counts" towards the period total unless it is a voided spend; a reversal
 * row carries a negative amount.
 */
import { periodBounds } from "./dates.ts";
import { toDecimalString, type MinorUnits } from "./money.ts";
import { isCardPayment, PAYMENT_METHOD_LABELS } from "./spend-input.ts";
import { spreadsheetSafe } from "./spreadsheet-safe.ts";

export interface ExportRow {
  /** The spend's id, or the reversal's own id on a reversal row. */
  transactionId: string;
  spentOn: string;
  bookedPeriod: string;
  /** ISO 8601 UTC, milliseconds: when the spend (or the reversal) was recorded. */
  loggedAt: string;
  team: string;
  costCentre: string;
  scheme: string;
  schemeVersion: number;
  category: string;
  /** From the category-to-ledger mapping; null when the category is not mapped. */
  glCode: string | null;
  payee: string;
  paymentMethod: string;
  /** Minor units; negative on a reversal row. */
  amount: MinorUnits;
  /** What the row adds to the period total: the amount, or 0 on a voided spend. Summing it gives the period total. */
  netAmount: MinorUnits;
  currency: string;
  staffId: string | null;
  /** The pseudonymous reference only: a client's name never leaves the system. */
  clientReference: string;
  /** Null on a reversal row: a reversal has no tracks of its own. */
  justificationStatus: string | null;
  followUpStatus: string | null;
  voided: boolean;
  /** On a reversal row, the spend it reverses. */
  reversalOf: string | null;
  /** The Xero account its payment method is paid from; null when none is mapped. Not a column of the files: the journal credits it. */
  clearingAccount: string | null;
}

type Column<K extends keyof ExportRow = Exclude<keyof ExportRow, "clearingAccount">> = { key: K; header: string };

/** The export's columns, in file order. CSV and XLSX use `header`; JSON uses `key`. */
export const EXPORT_COLUMNS = [
  { key: "transactionId", header: "Transaction ID" },
  { key: "spentOn", header: "Date spent" },
  { key: "bookedPeriod", header: "Booked period" },
  { key: "loggedAt", header: "Logged at" },
  { key: "team", header: "Team" },
  { key: "costCentre", header: "Cost centre" },
  { key: "scheme", header: "Scheme" },
  { key: "schemeVersion", header: "Scheme version" },
  { key: "category", header: "Category" },
  { key: "glCode", header: "GL code" },
  { key: "payee", header: "Payee" },
  { key: "paymentMethod", header: "Payment method" },
  { key: "amount", header: "Amount" },
  { key: "netAmount", header: "Net amount" },
  { key: "currency", header: "Currency" },
  { key: "staffId", header: "Worker staff ID" },
  { key: "clientReference", header: "Client reference" },
  { key: "justificationStatus", header: "Justification status" },
  { key: "followUpStatus", header: "Follow-up status" },
  { key: "voided", header: "Voided" },
  { key: "reversalOf", header: "Reversal of" },
] as const satisfies readonly Column[];

const columnIndex = (key: keyof ExportRow) => EXPORT_COLUMNS.findIndex((c) => c.key === key);
const MONEY_COLUMNS = new Set<keyof ExportRow>(["amount", "netAmount"]);
const NET_AMOUNT_COLUMN_INDEX = columnIndex("netAmount");

/** What a row adds to the period total: nothing for a voided spend. */
export function countedAmount(row: Pick<ExportRow, "amount" | "voided">): MinorUnits {
  return row.voided ? 0 : row.amount;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One RFC 4180 record, CRLF-terminated. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** Every text cell goes through the formula-injection guard; amounts never do, so negatives stay numbers. */
function text(value: string | number | null): string {
  return spreadsheetSafe(value === null ? "" : String(value));
}

/** The cells of a row as CSV text: text guarded, the amount an exact two-place decimal. */
export function exportCells(row: ExportRow): string[] {
  return EXPORT_COLUMNS.map(({ key }) => {
    if (key === "amount" || key === "netAmount") return toDecimalString(row[key]);
    if (key === "voided") return row.voided ? "yes" : "no";
    return text(row[key]);
  });
}

export const EXPORT_CSV_HEADER = csvRecord(EXPORT_COLUMNS.map((c) => c.header));

export function exportCsvRecord(row: ExportRow): string {
  return csvRecord(exportCells(row));
}

/**
 * A date and time as a spreadsheet holds it: a serial number with no time zone, so the wall-clock
 * time in `timeZone` is written as if it were UTC (which is how exceljs turns a Date into a serial).
 */
export function sheetDateTime(instant: string, timeZone: string): Date {
  const at = new Date(instant);
  const parts = new Map(wallClockFormatter(timeZone).formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const wall = new Date(0);
  wall.setUTCFullYear(parts.get("year") ?? 0, (parts.get("month") ?? 1) - 1, parts.get("day") ?? 1);
  // en-GB's hourCycle h23 still gives "24" for midnight on some engines.
  wall.setUTCHours((parts.get("hour") ?? 0) % 24, parts.get("minute") ?? 0, parts.get("second") ?? 0, at.getUTCMilliseconds());
  return wall;
}

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone, calendar: "gregory", numberingSystem: "latn", hourCycle: "h23",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** A calendar date as a spreadsheet date (midnight, no time zone). */
function sheetDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** Excel number formats for the date columns, so they sort and filter as dates. */
const SHEET_DATE_FORMATS: Partial<Record<keyof ExportRow, string>> = { spentOn: "yyyy-mm-dd", loggedAt: "yyyy-mm-dd hh:mm:ss" };

/**
 * The cells of a row for a spreadsheet: text guarded, amounts numbers of pounds, the dates real
 * dates ("Logged at" in the council's time zone). minor / 100 is the double nearest the exact
 * decimal, so it shows exactly at two places; the totals row is summed in integer minor units
 * first, for the same reason.
 */
export function exportSheetValues(row: ExportRow, timeZone: string): (string | number | Date)[] {
  return EXPORT_COLUMNS.map(({ key }) => {
    if (key === "amount" || key === "netAmount") return row[key] / 100;
    if (key === "schemeVersion") return row.schemeVersion;
    if (key === "spentOn") return sheetDate(row.spentOn);
    if (key === "loggedAt") return sheetDateTime(row.loggedAt, timeZone);
    if (key === "voided") return row.voided ? "yes" : "no";
    return text(row[key]);
  });
}

/** Where each money column sits (1-based, as spreadsheets count), for its currency format. */
export const SHEET_MONEY_COLUMNS = EXPORT_COLUMNS.flatMap((c, i) => (MONEY_COLUMNS.has(c.key) ? [i + 1] : []));
/** Where each date column sits (1-based) and its number format. */
export const SHEET_DATE_COLUMNS = EXPORT_COLUMNS.flatMap((c, i) => {
  const format = SHEET_DATE_FORMATS[c.key];
  return format ? [{ column: i + 1, format }] : [];
});

/** The totals row's cells: a label, and the period's net total under "Net amount". */
export function totalsSheetValues(currency: string, total: MinorUnits): (string | number | null)[] {
  const values: (string | number | null)[] = EXPORT_COLUMNS.map(() => null);
  values[0] = `Total ${currency}`;
  values[NET_AMOUNT_COLUMN_INDEX] = total / 100;
  return values;
}

/** Excel number formats that show the currency, negatives in red. Unknown currencies show the code. */
export function currencyNumberFormat(currency: string): string {
  const symbol = ({ GBP: "£", EUR: "€", USD: "$" } as Record<string, string>)[currency];
  return symbol ? `"${symbol}"#,##0.00;[Red]-"${symbol}"#,##0.00` : `#,##0.00 "${currency.replaceAll('"', "")}";[Red]-#,##0.00 "${currency.replaceAll('"', "")}"`;
}

/** Adds a row to per-currency totals of the amounts that count (exact integer sums). */
export function addToTotals(totals: Map<string, MinorUnits>, row: ExportRow): void {
  totals.set(row.currency, (totals.get(row.currency) ?? 0) + countedAmount(row));
}

// ---------------------------------------------------------------------------------------------
// Xero manual journal

/**
 * Xero's manual-journal import template. The journal has one debit line per (team, GL code) and
 * one credit per (team, clearing account), not a line per spend: the per-spend detail is the main
 * export. Positive amounts are debits, negative credits.
 */
export const XERO_HEADER = csvRecord(["*Narration", "*Date", "Description", "*AccountCode", "*TaxRate", "*Amount", "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2"]);
/** Spends are small purchases with no reclaimable VAT recorded against them. */
export const XERO_TAX_RATE = "No VAT";
/** The account a payment method with no clearing account of its own is credited to; pass another code, or map the method. */
export const DEFAULT_CLEARING_ACCOUNT = "8100";
export const XERO_ACCOUNT_CODE = /^[A-Za-z0-9.-]{1,10}$/;
/** Xero imports at most 300 journal lines (rows under the header) from one file. */
export const XERO_MAX_LINES = 300;

type AccountAmounts = Map<string, { amount: MinorUnits; methods: Set<string> }>;

export interface XeroJournal {
  /** team → GL code → { categories, clearing account → amount and the payment methods paid from it } */
  lines: Map<string, Map<string, { categories: Set<string>; byAccount: AccountAmounts }>>;
}

export function newXeroJournal(): XeroJournal {
  return { lines: new Map() };
}

/**
 * Adds a counted row to the journal, to be credited to its payment method's clearing account, or
 * to `defaultAccount` when its method has none. Callers refuse the export first if any category is unmapped.
 */
export function addToXeroJournal(journal: XeroJournal, row: ExportRow, defaultAccount: string): void {
  const amount = countedAmount(row);
  if (amount === 0) return;
  if (row.glCode === null) throw new Error(`category ${row.category} has no GL code`);
  const byCode = journal.lines.get(row.team) ?? new Map<string, { categories: Set<string>; byAccount: AccountAmounts }>();
  journal.lines.set(row.team, byCode);
  const line = byCode.get(row.glCode) ?? { categories: new Set<string>(), byAccount: new Map() };
  byCode.set(row.glCode, line);
  line.categories.add(row.category);
  const account = row.clearingAccount ?? defaultAccount;
  const credit = line.byAccount.get(account) ?? { amount: 0, methods: new Set<string>() };
  line.byAccount.set(account, credit);
  credit.amount += amount;
  credit.methods.add(row.paymentMethod);
}

/** Xero (UK) reads dates as dd/mm/yyyy. */
function xeroDate(date: string): string {
  const [year, month, day] = date.split("-");
  return `${day}/${month}/${year}`;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A journal line before its file is known: the narration names the file it lands in. */
type XeroLine = { description: string; account: string; amount: MinorUnits; team: string };

function methodNames(methods: Iterable<string>): string {
  return [...methods].map((m) => (PAYMENT_METHOD_LABELS as Record<string, string>)[m] ?? m).sort(byText).join(", ");
}

/**
 * One team's lines in blocks that each balance by themselves and fit in one file: the debits of
 * some of its GL codes, then a credit per clearing account those debits were paid from.
 */
function teamBlocks(team: string, byCode: NonNullable<ReturnType<XeroJournal["lines"]["get"]>>, maxLines: number): XeroLine[][] {
  const blocks: XeroLine[][] = [];
  let debits: XeroLine[] = [];
  let credits = new Map<string, { amount: MinorUnits; methods: Set<string> }>();
  const flush = () => {
    const creditLines = [...credits.keys()]
      .sort(byText)
      .flatMap((account) => {
        const credit = credits.get(account);
        return credit && credit.amount !== 0 ? [{ description: `Paid by ${methodNames(credit.methods)} (${team})`, account, amount: -credit.amount, team }] : [];
      });
    if (debits.length > 0) blocks.push([...debits, ...creditLines]);
    debits = [];
    credits = new Map();
  };
  for (const code of [...byCode.keys()].sort(byText)) {
    const line = byCode.get(code);
    if (!line) continue;
    const amount = [...line.byAccount.values()].reduce((sum, c) => sum + c.amount, 0);
    if (amount === 0) continue;
    const accountsAfter = new Set([...credits.keys(), ...line.byAccount.keys()]).size;
    if (debits.length > 0 && debits.length + 1 + accountsAfter > maxLines) flush();
    debits.push({ description: `${[...line.categories].sort(byText).join(", ")} (${team})`, account: code, amount, team });
    for (const [account, credit] of line.byAccount) {
      const sum = credits.get(account) ?? { amount: 0, methods: new Set<string>() };
      credits.set(account, { amount: sum.amount + credit.amount, methods: new Set([...sum.methods, ...credit.methods]) });
    }
  }
  flush();
  return blocks;
}

/**
 * The journal as import files of at most `maxLines` lines each, every file a journal that balances
 * by itself: whole teams are packed into a file while they fit (a team too big for one file is split
 * by GL code, each part with its own credits). One file is narrated "Green Tape spends 2026-03";
 * several are "... (part 2 of 3)", so Xero makes one journal of each. Dated the period's last day,
 * in a fixed order (team, then code, then clearing account).
 */
export function xeroJournalFiles(journal: XeroJournal, period: string, maxLines = XERO_MAX_LINES): string[] {
  const files: XeroLine[][] = [];
  for (const team of [...journal.lines.keys()].sort(byText)) {
    for (const block of teamBlocks(team, journal.lines.get(team) ?? new Map(), maxLines)) {
      const last = files[files.length - 1];
      if (last && last.length + block.length <= maxLines) last.push(...block);
      else files.push([...block]);
    }
  }
  const date = xeroDate(periodBounds(period).last);
  return files.map((lines, i) => {
    const narration = files.length === 1 ? `Green Tape spends ${period}` : `Green Tape spends ${period} (part ${i + 1} of ${files.length})`;
    return (
      XERO_HEADER +
      lines.map((l) => csvRecord([text(narration), date, text(l.description), text(l.account), XERO_TAX_RATE, toDecimalString(l.amount), "Team", text(l.team), "", ""])).join("")
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Local Government Transparency Code publication

export const REDACTED_PERSONAL_DATA = "REDACTED PERSONAL DATA";

/** A row of the public file. It has no client field at all, so none can leak. */
export interface TransparencyRow {
  transactionNumber: string;
  /** The date spent; for a reversal, the day it was booked. */
  date: string;
  /** The service area of the team that spent it. */
  expenseArea: string;
  /** The ledger account's name, as admin recorded it beside the code; null when none was. */
  expenseType: string | null;
  /** The GL code; null when the category had none. */
  expenseCode: string | null;
  payee: string;
  /** Null when nobody said whether the payee is an organisation. */
  payeeType: "organisation" | "individual" | null;
  /** The spend's category. */
  purpose: string;
  amount: MinorUnits;
  /** Null when no VAT was recorded on the spend: published empty, never as 0.00. */
  irrecoverableVat: MinorUnits | null;
  /** Filled for card payments only: the card statement's, else the category's mapping. */
  merchantCategory: string | null;
  paymentMethod: string;
}

/** Who publishes the file: the council's name and its code (an ONS GSS code such as E09000033). */
export interface Publisher {
  name: string;
  code: string;
}

/**
 * The columns, named as the Local Government Transparency Code 2015 and the spend-data guidance it
 * builds on name the fields. The Code's own list for each item of expenditure (and every
 * procurement-card transaction) is: the date, the department, the beneficiary, the summary of
 * purpose, the amount, the VAT that cannot be recovered, and the merchant category.
 */
export const TRANSPARENCY_COLUMNS = [
  "Organisation name",
  "Organisation code",
  "Effective date",
  "Transaction number",
  "Expense area",
  "Expense type",
  "Expense code",
  "Supplier name",
  "Supplier ID",
  "Purpose",
  "Amount",
  "Irrecoverable VAT",
  "Merchant category",
  "Card transaction",
] as const;

export const TRANSPARENCY_CSV_HEADER = csvRecord(TRANSPARENCY_COLUMNS);

/** A payee is named in public only when positively marked an organisation: it may be a private individual otherwise. */
export function beneficiary(row: Pick<TransparencyRow, "payee" | "payeeType">): string {
  return row.payeeType === "organisation" ? row.payee : REDACTED_PERSONAL_DATA;
}

/**
 * One record. `supplierId` is the named supplier's stable id (the caller derives it from the
 * payee); a redacted payee gets none, since an id that follows a private person from month to
 * month would identify them as surely as a name.
 */
export function transparencyCsvRecord(row: TransparencyRow, publisher: Publisher, supplierId: (payee: string) => string): string {
  const named = row.payeeType === "organisation";
  const fields: Record<(typeof TRANSPARENCY_COLUMNS)[number], string> = {
    "Organisation name": spreadsheetSafe(publisher.name),
    "Organisation code": spreadsheetSafe(publisher.code),
    "Effective date": row.date,
    "Transaction number": spreadsheetSafe(row.transactionNumber),
    "Expense area": spreadsheetSafe(row.expenseArea),
    "Expense type": spreadsheetSafe(row.expenseType ?? ""),
    "Expense code": spreadsheetSafe(row.expenseCode ?? ""),
    "Supplier name": spreadsheetSafe(beneficiary(row)),
    "Supplier ID": named ? supplierId(row.payee) : "",
    Purpose: spreadsheetSafe(row.purpose),
    Amount: toDecimalString(row.amount),
    "Irrecoverable VAT": row.irrecoverableVat === null ? "" : toDecimalString(row.irrecoverableVat),
    "Merchant category": spreadsheetSafe(row.merchantCategory ?? ""),
    "Card transaction": isCardPayment(row.paymentMethod) ? "Yes" : "No",
  };
  return csvRecord(TRANSPARENCY_COLUMNS.map((column) => fields[column]));
}
