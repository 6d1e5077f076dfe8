import { createHash } from "node:crypto";
import type { Writable } from "node:stream";
import type { stream } from "exceljs";
import { periodBounds } from "@greentape/domain/dates";
import {
  addToTotals,
  addToXeroJournal,
  countedAmount,
  currencyNumberFormat,
  EXPORT_COLUMNS,
  EXPORT_CSV_HEADER,
  exportCsvRecord,
  exportSheetValues,
  newXeroJournal,
  SHEET_DATE_COLUMNS,
  SHEET_MONEY_COLUMNS,
  totalsSheetValues,
  TRANSPARENCY_CSV_HEADER,
  transparencyCsvRecord,
  xeroJournalFiles,
  type ExportRow,
  type Publisher,
  type TransparencyRow,
} from "@greentape/domain/export-rows";
import { normalisePayee } from "@greentape/domain/flags";

/** Where a writer puts its bytes: the HTTP response, or a hash at close. Resolves when it may write more. */
export interface Sink {
  write(chunk: string): Promise<void>;
}

export class DownloadCancelled extends Error {}

const LOG_CHECKPOINT_INTRO = "Green Tape event log checkpoint:";

/** readable-stream 2 (the streams inside exceljs's zip) predates `writableNeedDrain`; its state says the same. */
function needsDrain(stream: Writable): boolean {
  return stream.writableNeedDrain ?? (stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain === true;
}

/**
 * Resolves once `target` (the download itself unless given) wants more, so a slow download slows
 * the database reads instead of filling memory; rejects if the download is cancelled meanwhile.
 */
export function whenWritable(out: Writable, target: Writable = out): Promise<void> {
  if (out.destroyed) return Promise.reject(new DownloadCancelled("the download was cancelled"));
  if (!needsDrain(target)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      target.off("drain", onDrain);
      out.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new DownloadCancelled("the download was cancelled"));
    target.on("drain", onDrain);
    out.on("close", onClose);
  });
}

export function streamSink(out: Writable): Sink {
  return {
    async write(chunk) {
      if (out.destroyed) throw new DownloadCancelled("the download was cancelled");
      out.write(chunk);
      await whenWritable(out);
    },
  };
}

export interface CsvSummary {
  /** Spend rows that count (not voided). */
  count: number;
  /** Net total of the rows that count, reversals included, in minor units. */
  total: number;
}

export async function writeCsv(batches: AsyncIterable<ExportRow[]>, sink: Sink): Promise<CsvSummary> {
  const summary: CsvSummary = { count: 0, total: 0 };
  await sink.write(EXPORT_CSV_HEADER);
  for await (const batch of batches) {
    let chunk = "";
    for (const row of batch) {
      chunk += exportCsvRecord(row);
      if (row.reversalOf === null && !row.voided) summary.count += 1;
      summary.total += countedAmount(row);
    }
    await sink.write(chunk);
  }
  return summary;
}

const JSON_KEYS = EXPORT_COLUMNS.map((c) => c.key);

/**
 * `{ period, logCheckpoint, rows }`: the rows are one object each with keys in column order, amounts
 * in integer minor units; `logCheckpoint` is the event log's signed checkpoint the file stands on.
 */
export async function writeJson(batches: AsyncIterable<ExportRow[]>, sink: Sink, head: { period: string; logCheckpoint: string | null }): Promise<void> {
  let first = true;
  await sink.write(`{"period":${JSON.stringify(head.period)},"logCheckpoint":${JSON.stringify(head.logCheckpoint)},"rows":[`);
  for await (const batch of batches) {
    let chunk = "";
    for (const row of batch) {
      chunk += `${first ? "\n" : ",\n"}${JSON.stringify(row, JSON_KEYS)}`;
      first = false;
    }
    await sink.write(chunk);
  }
  await sink.write(first ? "]}\n" : "\n]}\n");
}

/** The Xero journal's import files (one, or more when it passes Xero's 300 lines), from every row of the period. */
export async function xeroJournal(batches: AsyncIterable<ExportRow[]>, period: string, defaultAccount: string): Promise<string[]> {
  const journal = newXeroJournal();
  for await (const batch of batches) for (const row of batch) addToXeroJournal(journal, row, defaultAccount);
  return xeroJournalFiles(journal, period);
}

/**
 * A named supplier's id in the transparency file: the same for every spellings of the same payee
 * ("Tesco  Extra", "tesco extra"), in every month, without a supplier register to number them.
 */
export function supplierId(payee: string): string {
  return `GT-${createHash("sha256").update(normalisePayee(payee), "utf8").digest("hex").slice(0, 10).toUpperCase()}`;
}

export async function writeTransparency(batches: AsyncIterable<TransparencyRow[]>, sink: Sink, publisher: Publisher): Promise<void> {
  await sink.write(TRANSPARENCY_CSV_HEADER);
  for await (const batch of batches) {
    let chunk = "";
    for (const row of batch) chunk += transparencyCsvRecord(row, publisher, supplierId);
    await sink.write(chunk);
  }
}

type ZipInternals = { zip: { _moduleAppend(source: unknown, data: { date?: Date }, callback: () => void): void } };

/**
 * The same period gives the same bytes: the workbook's dates and every zip entry's timestamp are
 * the period's first day, not the time of download. exceljs offers no option for the zip entry
 * dates, so each entry's date is set as the archiver takes it off its queue (the constructor has
 * already queued two entries by the time we can reach it). A unit test holds this in place.
 */
function pinDates(workbook: stream.xlsx.WorkbookWriter, date: Date): void {
  workbook.created = date;
  workbook.modified = date;
  workbook.creator = "Green Tape";
  workbook.lastModifiedBy = "Green Tape";
  const { zip } = workbook as unknown as ZipInternals;
  const append = zip._moduleAppend.bind(zip);
  zip._moduleAppend = (source, data, callback) => append(source, { ...data, date }, callback);
}

/**
 * Where exceljs writes a sheet's XML on its way into the zip. exceljs ignores backpressure there
 * (its buffer never answers "wait"), so a query faster than deflate would pile the whole sheet up
 * in memory; the export waits on these instead.
 */
function zipEntriesOf(sheet: ReturnType<stream.xlsx.WorkbookWriter["addWorksheet"]>): Writable[] {
  return (sheet as unknown as { stream: { pipes: Writable[] } }).stream.pipes;
}

/**
 * An .xlsx written as it streams (exceljs WorkbookWriter): a frozen header row, amounts as numbers
 * in a currency format, the dates as date cells ("Logged at" in the council's time zone), then a
 * totals row per currency under "Net amount" (summed exactly in minor units).
 */
export async function writeXlsx(
  batches: AsyncIterable<ExportRow[]>,
  out: Writable,
  head: { period: string; logCheckpoint: string | null; timeZone: string },
): Promise<void> {
  const { period, logCheckpoint, timeZone } = head;
  // Loaded on first use: exceljs costs every server ~17 MB of memory from start-up otherwise.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  pinDates(workbook, new Date(`${periodBounds(period).first}T00:00:00Z`));
  // The document's description (File > Properties): the event log's checkpoint this file stands on.
  if (logCheckpoint) (workbook as unknown as { description: string }).description = `${LOG_CHECKPOINT_INTRO}\n${logCheckpoint}`;
  const sheet = workbook.addWorksheet(period, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const totals = new Map<string, number>();
  for await (const batch of batches) {
    for (const row of batch) {
      const added = sheet.addRow(exportSheetValues(row, timeZone));
      for (const column of SHEET_MONEY_COLUMNS) added.getCell(column).numFmt = currencyNumberFormat(row.currency);
      for (const { column, format } of SHEET_DATE_COLUMNS) added.getCell(column).numFmt = format;
      added.commit();
      addToTotals(totals, row);
    }
    await whenWritable(out);
    for (const entry of zipEntriesOf(sheet)) await whenWritable(out, entry);
  }
  for (const currency of [...totals.keys()].sort()) {
    const added = sheet.addRow(totalsSheetValues(currency, totals.get(currency) ?? 0));
    added.font = { bold: true };
    for (const column of SHEET_MONEY_COLUMNS) added.getCell(column).numFmt = currencyNumberFormat(currency);
    added.commit();
  }
  sheet.commit();
  await workbook.commit();
}
