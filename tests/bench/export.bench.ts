/**
 * GET /api/exports/:period?format=csv of 1,000,000 spends through the real HTTP server, beside
 * PostgreSQL's own COPY (same query: same columns, joins and order) TO STDOUT through psql, in the
 * same run on the same database. The server runs in a child process exactly as `npm run serve` runs
 * it in production (the built bundle, its heap limit), so its peak resident memory (VmHWM) is its own.
 * Then the same rows as XLSX from another fresh server, for its memory.
 * Targets: at least 30% of COPY's rows per second; the server's peak memory under 200 MB.
 * Standalone: npm run build:api && node --import tsx tests/bench/export.bench.ts  (BENCH_EXPORT_ROWS overrides the count)
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { DEMO_PASSWORD } from "@greentape/db/seed";
import { exportRowsQuery } from "../../apps/api/src/modules/exports/exports.queries.ts";
import { freshBenchDatabase, printResult, startServer, type BenchResult } from "./bench-support.ts";

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
export const PERIOD = "2026-01";

type Db = Awaited<ReturnType<typeof freshBenchDatabase>>["handle"]["db"];

/** `rows` spends (a million by default) in one month, by two workers for a team's clients, in one INSERT ... SELECT. */
export async function insertSpends(db: Db, rows = ROWS) {
  await db.execute(sql`
    with people as (select array_agg(id order by email) as ids, min(team_id::text)::uuid as team_id from users where email in ('worker@demo.test', 'worker2@demo.test')),
    their_clients as (select array_agg(c.id order by c.reference) as ids from clients c, people p where c.team_id = p.team_id),
    scheme as (select scheme_id, version from scheme_versions order by created_at limit 1)
    insert into spends (worker_id, team_id, client_id, scheme_id, scheme_version, amount, currency, category, payee, payment_method,
      spent_on, period, booked_period, justification_status, justification_due_on, follow_up_due_on, voided_at, created_at)
    select p.ids[1 + g % 2], p.team_id, c.ids[1 + g % cardinality(c.ids)], s.scheme_id, s.version,
      100 + (g * 37) % 7400, 'GBP',
      (array['Travel', 'Food and essentials', 'Clothing', 'Household', 'Activities', 'Phone and internet'])[1 + g % 6],
      case when g % 50 = 0 then 'Smith, "Bros" & Co' when g % 97 = 0 then '=SUM(A1:A9)' else 'Payee ' || (g % 5000) end,
      (array['prepaid_card', 'petty_cash', 'voucher'])[1 + g % 3],
      date '2026-01-01' + (g % 31), ${PERIOD}, ${PERIOD},
      (array['due', 'submitted', 'endorsed'])[1 + g % 3], date '2026-02-07', date '2026-02-28',
      case when g % 100 = 0 then timestamptz '2026-02-01T00:00:00Z' end,
      timestamptz '2026-01-01T00:00:00Z' + g * interval '2 seconds'
    from generate_series(1, ${rows}) g, people p, their_clients c, scheme s`);
  await db.execute(sql`analyze`);
}

/** kB of resident memory from /proc/<pid>/status: VmRSS now, VmHWM the peak so far. */
export function memoryKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Reads a whole response, counting bytes and lines, without keeping it. */
export function download(url: string, token: string): Promise<{ seconds: number; bytes: number; lines: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
        let bytes = 0;
        let lines = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
        });
        res.on("end", () => resolve({ seconds: (performance.now() - started) / 1000, bytes, lines }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

/** PostgreSQL writing the same rows as CSV itself: COPY (the export's own query) TO STDOUT, through psql. */
function copyBaseline(databaseUrl: string, query: string): Promise<{ seconds: number; bytes: number; lines: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const psql = spawn("psql", [databaseUrl, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", `copy (${query}) to stdout with (format csv, header)`], { stdio: ["ignore", "pipe", "inherit"] });
    let bytes = 0;
    let lines = 0;
    psql.stdout.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    });
    psql.on("error", reject);
    psql.on("close", (code) => (code === 0 ? resolve({ seconds: (performance.now() - started) / 1000, bytes, lines }) : reject(new Error(`psql exited with ${code}`))));
  });
}

interface ServedExport {
  seconds: number;
  bytes: number;
  lines: number;
  idleRssMb: number;
  peakRssMb: number;
}

/**
 * Starts a fresh server (so its peak memory is this export's alone), warms the route up on an
 * empty month, notes the idle memory, then downloads the period in `format` while sampling it.
 */
async function serveExport(databaseUrl: string, format: "csv" | "xlsx"): Promise<ServedExport> {
  const { child, base } = await startServer(databaseUrl);
  try {
    const pid = child.pid as number;
    const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "finance@demo.test", password: DEMO_PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    await download(`${base}/api/exports/2025-01?format=${format}`, accessToken);
    const idleRssMb = memoryKb(pid, "VmRSS") / 1024;
    let sampledPeakKb = 0;
    const sampler = setInterval(() => {
      sampledPeakKb = Math.max(sampledPeakKb, memoryKb(pid, "VmRSS"));
    }, 50);
    try {
      const exported = await download(`${base}/api/exports/${PERIOD}?format=${format}`, accessToken);
      return { ...exported, idleRssMb, peakRssMb: Math.max(memoryKb(pid, "VmHWM"), sampledPeakKb) / 1024 };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    child.kill();
  }
}

export async function benchExport(): Promise<BenchResult> {
  const database = await freshBenchDatabase();
  try {
    const insertStarted = performance.now();
    await insertSpends(database.handle.db);
    const insertSeconds = (performance.now() - insertStarted) / 1000;

    const query = new PgDialect().sqlToQuery(exportRowsQuery(PERIOD, "Europe/London").inlineParams()).sql;
    const copyFirst = await copyBaseline(database.fresh.url, query);
    const csv = await serveExport(database.fresh.url, "csv");
    const copySecond = await copyBaseline(database.fresh.url, query);
    const copy = copyFirst.seconds <= copySecond.seconds ? copyFirst : copySecond;
    if (csv.lines !== ROWS + 1) throw new Error(`the export had ${csv.lines - 1} rows, expected ${ROWS}`);
    if (copy.lines !== ROWS + 1) throw new Error(`COPY gave ${copy.lines - 1} rows, expected ${ROWS}`);
    // The workbook is zipped, so its size is what shows it is whole; its memory is the point here.
    const xlsx = await serveExport(database.fresh.url, "xlsx");

    const exportRowsPerSecond = ROWS / csv.seconds;
    const copyRowsPerSecond = ROWS / copy.seconds;
    return {
      name: `GET /api/exports/:period, ${ROWS.toLocaleString("en-GB")} spends: CSV vs PostgreSQL COPY of the same query, and XLSX`,
      figures: {
        "rows": ROWS,
        "insert (generate_series), s": insertSeconds,
        "API CSV export, s": csv.seconds,
        "API CSV export, rows/s": Math.round(exportRowsPerSecond),
        "API CSV export, MB": csv.bytes / 1e6,
        "COPY TO STDOUT (best of 2), s": copy.seconds,
        "COPY TO STDOUT, rows/s": Math.round(copyRowsPerSecond),
        "COPY TO STDOUT, MB": copy.bytes / 1e6,
        "API / COPY throughput, % (target >= 30)": (100 * exportRowsPerSecond) / copyRowsPerSecond,
        "server idle RSS, MB": csv.idleRssMb,
        "CSV: server peak RSS (VmHWM), MB (target < 200)": csv.peakRssMb,
        "API XLSX export, s": xlsx.seconds,
        "API XLSX export, MB": xlsx.bytes / 1e6,
        "XLSX: server peak RSS (VmHWM), MB (target < 200)": xlsx.peakRssMb,
      },
    };
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  printResult(await benchExport());
  process.exit(0);
}
