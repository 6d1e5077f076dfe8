/**
 * A worker's list (GET /api/spends) and one spend's page (GET /api/spends/:id) against
 * GET /api/health, the same server's floor, 32 connections each, over the spend benchmark's
 * world (its earlier spends give each worker about 2,000), with the load average beside each.
 * Target: each read at least 0.3x health, p99 under 50 ms.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { startServer, type BenchResult } from "./bench-support.ts";
import { latestProfileTop } from "./cpu-profile.ts";
import { copyOfWorld, load, sharedWorld, spendBody, type Worker } from "./spend-load.ts";
import { CONNECTIONS, productEnv, type Measured } from "./spends.bench.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function get(url: string, token?: string): Promise<Measured> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors, load: load() };
}

const fmt = (m: Measured) => `${m.perSecond.toFixed(0)}/s  p50 ${m.p50.toFixed(0)} ms  p99 ${m.p99.toFixed(0)} ms  errors ${m.errors}  (load ${m.load})`;

export async function benchReads(): Promise<BenchResult> {
  const world = await sharedWorld();
  return copyOfWorld(world, async (url) => {
    const profileDir = process.env.BENCH_CPU_PROF ? join(process.env.BENCH_CPU_PROF, "reads") : undefined;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const { child, base } = await startServer(url, productEnv(), profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []);
    const figures: Record<string, string> = {};
    try {
      const worker = world.workers[0] as Worker;
      const created = await fetch(`${base}/api/spends`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${worker.token}`, "idempotency-key": randomUUID() },
        body: spendBody(world, worker.clients[0] as string),
      });
      if (created.status !== 201) throw new Error(`could not log the spend to read: ${created.status} ${await created.text()}`);
      const { id } = (await created.json()) as { id: string };
      const health = await get(`${base}/api/health`);
      const list = await get(`${base}/api/spends`, worker.token);
      const detail = await get(`${base}/api/spends/${id}`, worker.token);
      const ratio = (m: Measured) => `${(m.perSecond / health.perSecond).toFixed(2)}  (load ${m.load} / ${health.load})`;
      Object.assign(figures, {
        "GET /api/health": fmt(health),
        "GET /api/spends (worker's list)": fmt(list),
        "GET /api/spends/:id": fmt(detail),
        "list / health": ratio(list),
        "detail / health": ratio(detail),
        target: "each >= 0.3x health, p99 < 50 ms",
      });
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    if (profileDir) latestProfileTop(profileDir).forEach((line, i) => (figures[`cpu self-time #${i + 1}`] = line));
    return { name: `Reads, ${CONNECTIONS} connections, ${SECONDS} s each, ${world.history} earlier spends`, figures };
  });
}
