/**
 * The embedded default's memory: the server started as `npm run serve` starts it with no
 * DATABASE_URL (PGlite under a fresh DATA_DIR, the demo seeded as it is by default), measured
 * from its own /proc status. Cold start to the first 200 of /api/ready; resident memory idle,
 * after 2,000 spends through HTTP, and after a CSV export of a month of 100,000 spends. Those
 * 100,000 are written into the same DATA_DIR with the server stopped (PGlite is one process's
 * database), in one INSERT ... SELECT, and the server is started again on it; its cold start
 * over them is reported too. Target: every figure under 300 MB.
 * Standalone: npm run build && node --import tsx tests/bench/memory.bench.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import { openDatabase } from "@greentape/db/client";
import { DEMO_PASSWORD } from "@greentape/db/seed";
import { stopServer } from "../support/server-process.ts";
import { printResult, startServer, type BenchResult } from "./bench-support.ts";
import { PERIOD, download, insertSpends, memoryKb } from "./export.bench.ts";

const SPENDS = 2_000;
const EXPORT_ROWS = 100_000;
const TARGET_MB = 300;
const CONNECTIONS = 4;
const WEB_DIST = join(import.meta.dirname, "..", "..", "apps", "web", "dist");

const load = () => `load ${loadavg()[0]?.toFixed(2)}`;
const mb = (pid: number, field: "VmRSS" | "VmHWM") => memoryKb(pid, field) / 1024;
const beside = (value: number) => `${value.toFixed(0)} (target < ${TARGET_MB}; ${load()})`;

/** Starts the server on `dataDir` and times it to the first 200 of /api/ready. */
async function coldStart(dataDir: string) {
  const started = performance.now();
  // SEED_DEMO and WEB_DIST as `npm run serve` has them with no DATABASE_URL (the helper's defaults suit PostgreSQL runs).
  const server = await startServer(null, { DATA_DIR: dataDir, SEED_DEMO: "true", WEB_DIST }, [], 180);
  for (;;) {
    const ready = await fetch(`${server.base}/api/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (performance.now() - started > 120_000) throw new Error("the server was not ready within 120 s");
    await new Promise((r) => setTimeout(r, 20));
  }
  return { ...server, pid: server.child.pid as number, seconds: (performance.now() - started) / 1000 };
}

async function signIn(base: string, email: string): Promise<string> {
  const answer = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (!answer.ok) throw new Error(`sign-in of ${email} answered ${answer.status}`);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

async function getJson<T>(base: string, path: string, token: string): Promise<T> {
  const answer = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!answer.ok) throw new Error(`GET ${path} answered ${answer.status}`);
  return (await answer.json()) as T;
}

/** 2,000 spends of a penny each (no cap is reached), spread over the demo workers' clients, CONNECTIONS at a time. */
async function logSpends(base: string): Promise<number> {
  const workers = await Promise.all(
    ["worker@demo.test", "worker2@demo.test", "worker3@demo.test"].map(async (email) => {
      const token = await signIn(base, email);
      const schemes = await getJson<{ items: { id: string; categories: string[] }[] }>(base, "/api/schemes", token);
      const clients = await getJson<{ items: { id: string }[] }>(base, "/api/clients?limit=500", token);
      const scheme = schemes.items[0];
      if (!scheme || clients.items.length === 0) throw new Error(`${email} has no scheme or clients`);
      return { token, scheme, clients: clients.items.map((c) => c.id) };
    }),
  );
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  let next = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let i = next++; i < SPENDS; i = next++) {
        const worker = workers[i % workers.length] as (typeof workers)[number];
        const answer = await fetch(`${base}/api/spends`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${worker.token}`, "idempotency-key": randomUUID() },
          body: JSON.stringify({
            schemeId: worker.scheme.id,
            clientId: worker.clients[i % worker.clients.length],
            amount: 1,
            category: worker.scheme.categories[0],
            payee: `Memory bench ${i}`,
            paymentMethod: "petty_cash",
            spentOn: today,
            note: "",
          }),
        });
        if (answer.status !== 201) refused += 1;
        await answer.arrayBuffer();
      }
    }),
  );
  if (refused > 0) throw new Error(`${refused} of ${SPENDS} spends were refused`);
  return SPENDS / ((performance.now() - started) / 1000);
}

export async function benchMemory(): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "gt-memory-"));
  try {
    const first = await coldStart(dataDir);
    const coldFirst = `${first.seconds.toFixed(2)} (${load()})`;
    let perSecond: number;
    let idle: string;
    let afterSpends: string;
    let firstPeak: string;
    try {
      await new Promise((r) => setTimeout(r, 2_000));
      idle = beside(mb(first.pid, "VmRSS"));
      perSecond = await logSpends(first.base);
      afterSpends = beside(mb(first.pid, "VmRSS"));
      firstPeak = beside(mb(first.pid, "VmHWM"));
    } finally {
      await stopServer(first.child);
    }

    const handle = await openDatabase({ dataDir });
    const insertStarted = performance.now();
    try {
      await insertSpends(handle.db, EXPORT_ROWS);
    } finally {
      await handle.close();
    }
    const insertSeconds = (performance.now() - insertStarted) / 1000;

    const second = await coldStart(dataDir);
    const coldSecond = `${second.seconds.toFixed(2)} (${load()})`;
    try {
      const token = await signIn(second.base, "finance@demo.test");
      await new Promise((r) => setTimeout(r, 2_000));
      const idleOver100k = beside(mb(second.pid, "VmRSS"));
      let peakKb = 0;
      const sampler = setInterval(() => {
        peakKb = Math.max(peakKb, memoryKb(second.pid, "VmRSS"));
      }, 50);
      let exported;
      try {
        exported = await download(`${second.base}/api/exports/${PERIOD}?format=csv`, token);
      } finally {
        clearInterval(sampler);
      }
      if (exported.lines !== EXPORT_ROWS + 1) throw new Error(`the export had ${exported.lines - 1} rows, expected ${EXPORT_ROWS}`);
      const afterExport = beside(mb(second.pid, "VmRSS"));
      const peak = beside(Math.max(mb(second.pid, "VmHWM"), peakKb / 1024));
      return {
        name: `Embedded server (PGlite, no DATABASE_URL), resident memory, MB`,
        figures: {
          "cold start to first 200 of /api/ready, s": coldFirst,
          "RSS idle, MB": idle,
          [`${SPENDS} spends through HTTP, spends/s`]: Math.round(perSecond),
          [`RSS after ${SPENDS} spends, MB`]: afterSpends,
          "peak RSS (VmHWM) of that server, MB": firstPeak,
          [`insert ${EXPORT_ROWS} more (server stopped), s`]: insertSeconds,
          [`cold start over ${EXPORT_ROWS + SPENDS} spends, s`]: coldSecond,
          [`RSS idle over ${EXPORT_ROWS + SPENDS} spends, MB`]: idleOver100k,
          [`CSV export of ${EXPORT_ROWS} rows (period ${PERIOD}), s`]: exported.seconds,
          [`RSS after the export, MB`]: afterExport,
          [`peak RSS (VmHWM) of the restarted server, MB`]: peak,
        },
      };
    } finally {
      await stopServer(second.child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  printResult(await benchMemory());
  process.exit(0);
}
