import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ExportRow } from "@greentape/domain/export-rows";
import { exportRow } from "../../../../../tests/support/export-row.ts";
import { DownloadCancelled, streamSink, supplierId, writeJson, writeXlsx } from "./export-writers.ts";

const row = exportRow();
const CHECKPOINT = "localhost/green-tape\n3\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\u2014 localhost/green-tape AAAAAA==\n";

async function* batches(...rows: ExportRow[][]) {
  yield* rows;
}

async function xlsxBytes(): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  await writeXlsx(batches([row, { ...row, transactionId: "x", amount: -305, netAmount: -305 }]), out, { period: "2026-03", logCheckpoint: CHECKPOINT, timeZone: "Europe/London" });
  return Buffer.concat(chunks);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("writeXlsx", () => {
  it("gives the same bytes whenever it is written: no clock time in the workbook or its zip entries", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-04-01T09:00:00Z"));
    const first = await xlsxBytes();
    vi.setSystemTime(new Date("2027-07-15T17:43:10Z"));
    const second = await xlsxBytes();
    expect(first.length).toBeGreaterThan(1000);
    expect(Buffer.compare(first, second)).toBe(0);
  });

  it("carries the log checkpoint in the document's properties", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsxBytes()) as unknown as ArrayBuffer);
    expect(workbook.description).toBe(`Green Tape event log checkpoint:\n${CHECKPOINT}`);
  });

  it("stops reading rows while the zip is behind, so a million-row workbook is not held in memory", async () => {
    // Nobody reads the download. Identical rows deflate ~1000:1, so the download's own buffer
    // would take ~20,000 rows to fill; only waiting on the zip entry stops the writer sooner.
    const out = new PassThrough();
    let rowsRead = 0;
    async function* endless() {
      while (rowsRead < 100_000) {
        rowsRead += 100;
        yield Array.from({ length: 100 }, () => row);
      }
    }
    void writeXlsx(endless(), out, { period: "2026-03", logCheckpoint: null, timeZone: "Europe/London" }).catch(() => undefined);
    for (let settled = -1; settled !== rowsRead; ) {
      settled = rowsRead;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(rowsRead).toBeLessThan(5_000);
    out.destroy();
  });
});

describe("writeJson", () => {
  it("writes the period, the log checkpoint and the rows with keys in column order; no rows is []", async () => {
    const chunks: string[] = [];
    const sink = { write: async (chunk: string) => void chunks.push(chunk) };
    await writeJson(batches([row], [{ ...row, voided: true }]), sink, { period: "2026-03", logCheckpoint: CHECKPOINT });
    const parsed = JSON.parse(chunks.join("")) as { period: string; logCheckpoint: string; rows: ExportRow[] };
    // The clearing account is the journal's, not a column of the files.
    const { clearingAccount: _journalOnly, ...columns } = row;
    expect(parsed).toEqual({ period: "2026-03", logCheckpoint: CHECKPOINT, rows: [columns, { ...columns, voided: true }] });
    expect(Object.keys(parsed.rows[0] as object)[0]).toBe("transactionId");
    chunks.length = 0;
    await writeJson(batches(), sink, { period: "2026-04", logCheckpoint: null });
    expect(chunks.join("")).toBe('{"period":"2026-04","logCheckpoint":null,"rows":[]}\n');
  });
});

describe("streamSink", () => {
  it("stops the export once the download is cancelled", async () => {
    const out = new PassThrough({ highWaterMark: 4 });
    const sink = streamSink(out);
    const waiting = sink.write("more than four bytes");
    out.destroy();
    await expect(waiting).rejects.toBeInstanceOf(DownloadCancelled);
    await expect(sink.write("again")).rejects.toBeInstanceOf(DownloadCancelled);
  });
});

describe("supplierId", () => {
  it("is the same for every spelling of a payee and differs between payees", () => {
    expect(supplierId('Smith, "Bros" & Co')).toMatch(/^GT-[0-9A-F]{10}$/);
    expect(supplierId('smith,  "BROS" & co')).toBe(supplierId('Smith, "Bros" & Co'));
    expect(supplierId("Tesco Extra")).not.toBe(supplierId("Tesco Express"));
  });
});
