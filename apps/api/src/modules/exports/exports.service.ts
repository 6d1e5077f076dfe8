import { createHash } from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import JSZip from "jszip";
import type { Breakdown, BreakdownGroup, ExportFormat } from "@greentape/contract/periods";
import type { Db, Tx } from "@greentape/db/client";
import { ForbiddenError, RuleViolation } from "@greentape/domain/errors";
import { DEFAULT_CLEARING_ACCOUNT, XERO_HEADER } from "@greentape/domain/export-rows";
import { periodBounds } from "@greentape/domain/dates";
import { canExport } from "@greentape/domain/permissions";
import type { Config } from "../../config.ts";
import type { Actor } from "../../plugins/access.ts";
import type { LogService } from "../log/index.ts";
import { unmappedCategories } from "../ledger-codes/index.ts";
import { findPeriod } from "../../lib/periods.queries.ts";
import { streamSink, writeCsv, writeJson, writeTransparency, writeXlsx, xeroJournal, type CsvSummary } from "./export-writers.ts";
import { PAYMENT_METHOD_LABELS } from "@greentape/domain/spend-input";
import { BREAKDOWN_DIMENSIONS, breakdownRows, exportRowBatches, snapshotPeriodRows, transparencyRowBatches, type BreakdownDimension, type RowSource } from "./exports.queries.ts";

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Readable;
}

const CSV = "text/csv; charset=utf-8";
/** Excel on Windows reads a CSV as the machine's code page unless it starts with this mark. */
const UTF8_BOM = "\uFEFF";
const FILES: Record<ExportFormat, { suffix: string; contentType: string }> = {
  csv: { suffix: ".csv", contentType: CSV },
  xlsx: { suffix: ".xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  json: { suffix: ".json", contentType: "application/json; charset=utf-8" },
  xero: { suffix: "-xero-journal.csv", contentType: CSV },
};

function unmappedCategoriesProblem(unmapped: string[], before: string): RuleViolation {
  return new RuleViolation("unmapped-categories", "Some categories have no ledger code", `Give these categories a GL code before ${before}: ${unmapped.join(", ")}.`, {
    categories: unmapped,
  });
}

function labelOf(dimension: BreakdownDimension, key: string): string {
  return dimension === "paymentMethod" ? ((PAYMENT_METHOD_LABELS as Record<string, string>)[key] ?? key) : key;
}

export function createExportsService(deps: { db: Db; config: Pick<Config, "councilName" | "organisationCode" | "timeZone">; log: Pick<LogService, "checkpoint"> }) {
  const { db, config, log } = deps;

  /** A closed period's files are read from the rows copied at close; an open one's from the tables as they are now. */
  async function sourceOf(tx: Tx, period: string): Promise<RowSource> {
    const row = await findPeriod(tx, period);
    return row?.status === "closed" ? { closed: true } : { closed: false, timeZone: config.timeZone };
  }

  /** The log checkpoint a file carries: the one recorded at close, or for an open month the one current now. */
  async function checkpointOf(tx: Tx, period: string): Promise<string | null> {
    const row = await findPeriod(tx, period);
    return row?.status === "closed" ? row.logCheckpoint : log.checkpoint(tx);
  }

  /**
   * Streams what `write` produces from inside one read-only REPEATABLE READ transaction (one
   * snapshot for the whole file; the cursor lives as long as it). The answer starts at once; a
   * failure midway cuts the download short rather than sending a file that looks whole.
   */
  function streamFromSnapshot(write: (tx: Tx, out: PassThrough) => Promise<void>): Readable {
    // Room for a batch or two, so the next one is written while the socket drains this one.
    const out = new PassThrough({ highWaterMark: 1024 * 1024 });
    db.transaction((tx) => write(tx, out), { isolationLevel: "repeatable read", accessMode: "read only" }).then(
      () => {
        if (!out.writableEnded) out.end();
      },
      (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return out;
  }

  /**
   * The Xero journal: one CSV while it fits Xero's 300-line import, else a zip of numbered CSVs,
   * each a journal that balances by itself. It is small (a line per team and code), so it is made
   * whole before the answer starts; the zip's dates are the period's first day, so a closed
   * period gives the same bytes every time.
   */
  async function xeroFile(period: string, options: { defaultAccount: string; bom: boolean }): Promise<ExportFile> {
    const files = await db.transaction(async (tx) => xeroJournal(exportRowBatches(tx, period, await sourceOf(tx, period)), period, options.defaultAccount), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
    const mark = options.bom ? UTF8_BOM : "";
    const base = `green-tape-${period}${FILES.xero.suffix.replace(/\.csv$/, "")}`;
    if (files.length <= 1) return { filename: `${base}.csv`, contentType: CSV, body: Readable.from([mark + (files[0] ?? XERO_HEADER)]) };
    const zip = new JSZip();
    const date = new Date(`${periodBounds(period).first}T00:00:00Z`);
    files.forEach((file, i) => zip.file(`${base}-${i + 1}-of-${files.length}.csv`, mark + file, { date }));
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
    return { filename: `${base}.zip`, contentType: "application/zip", body: Readable.from([bytes]) };
  }

  return {
    async download(actor: Actor, period: string, format: ExportFormat, options: { clearingAccount?: string | undefined; bom?: boolean } = {}): Promise<ExportFile> {
      if (!canExport(actor)) throw new ForbiddenError("Only finance and auditors export periods.");
      // A closed period has every code it needs: closing refuses while a category is unmapped.
      if (format === "xero" && (await findPeriod(db, period))?.status !== "closed") {
        const unmapped = await unmappedCategories(db, period);
        if (unmapped.length > 0) throw unmappedCategoriesProblem(unmapped, "exporting a journal");
      }
      if (format === "xero") return xeroFile(period, { defaultAccount: options.clearingAccount ?? DEFAULT_CLEARING_ACCOUNT, bom: options.bom === true });
      const body = streamFromSnapshot(async (tx, out) => {
        const rows = exportRowBatches(tx, period, await sourceOf(tx, period));
        const sink = streamSink(out);
        if (options.bom) await sink.write(UTF8_BOM);
        if (format === "csv") await writeCsv(rows, sink);
        else if (format === "json") await writeJson(rows, sink, { period, logCheckpoint: await checkpointOf(tx, period) });
        else await writeXlsx(rows, out, { period, logCheckpoint: await checkpointOf(tx, period), timeZone: config.timeZone });
      });
      return { filename: `green-tape-${period}${FILES[format].suffix}`, contentType: FILES[format].contentType, body };
    },

    /** The period's spends and net total by team, category, scheme and payment method, from one snapshot. */
    async breakdown(period: string): Promise<Breakdown> {
      return db.transaction(
        async (tx) => {
          const source = await sourceOf(tx, period);
          const rows = await breakdownRows(tx, period, source);
          const groups = Object.fromEntries(Object.keys(BREAKDOWN_DIMENSIONS).map((d) => [d, [] as BreakdownGroup[]])) as Record<BreakdownDimension, BreakdownGroup[]>;
          const totals = new Map<string, { currency: string; count: number; total: number }>();
          for (const row of rows) {
            groups[row.dimension].push({ key: row.key, label: labelOf(row.dimension, row.key), currency: row.currency, count: row.count, total: row.total });
            // Every row has one team, so the team groups add up to the period.
            if (row.dimension !== "team") continue;
            const sum = totals.get(row.currency) ?? { currency: row.currency, count: 0, total: 0 };
            totals.set(row.currency, { currency: row.currency, count: sum.count + row.count, total: sum.total + row.total });
          }
          return { period, status: source.closed ? "closed" : "open", totals: [...totals.values()], groups };
        },
        { isolationLevel: "repeatable read", accessMode: "read only" },
      );
    },

    /** The Local Government Transparency Code file: finance publishes it, so only finance takes it. */
    async transparency(actor: Actor, period: string, options: { bom?: boolean } = {}): Promise<ExportFile> {
      if (actor.role !== "finance") throw new ForbiddenError("Only finance takes the transparency publication.");
      const body = streamFromSnapshot(async (tx, out) => {
        const sink = streamSink(out);
        if (options.bom) await sink.write(UTF8_BOM);
        await writeTransparency(transparencyRowBatches(tx, period, await sourceOf(tx, period)), sink, { name: config.councilName, code: config.organisationCode });
      });
      return { filename: `green-tape-${period}-transparency.csv`, contentType: CSV, body };
    },

    /**
     * Freezes a closing period inside the closing transaction `tx`: copies its rows as they read now
     * into closed_period_rows, then answers the sha256 of the CSV those rows make, with their count
     * and total. Every later download of the period reads the same rows, so gives these bytes.
     * A ledger cannot take lines without a code, so a period with an unmapped category stays open.
     */
    async freezeForClose(tx: Tx, period: string): Promise<CsvSummary & { sha256: string }> {
      const unmapped = await unmappedCategories(tx, period);
      if (unmapped.length > 0) throw unmappedCategoriesProblem(unmapped, "closing the period");
      await snapshotPeriodRows(tx, period, config.timeZone);
      const hash = createHash("sha256");
      const summary = await writeCsv(exportRowBatches(tx, period, { closed: true }), {
        write: async (chunk) => {
          hash.update(chunk, "utf8");
        },
      });
      return { ...summary, sha256: hash.digest("hex") };
    },
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;
