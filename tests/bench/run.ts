/**
 * npm run bench: every benchmark, each printing its figures beside a baseline measured in the
 * same run (the product's own statements through pg, the minimal transaction, GET /api/health,
 * PostgreSQL's COPY, a bare SELECT) and the load average, so ratios hold whatever the machine.
 * Lighthouse scores the web app beside an empty page served by the same server. The embedded
 * server's (PGlite) resident memory and cold start are measured against a 300 MB target.
 * BENCH_ONLY=spends,reads,plans,sampling,export,insights,lighthouse,memory picks some; BENCH_SECONDS sets the load duration.
 */
import { printResult, type BenchResult } from "./bench-support.ts";
import { dropSharedWorld } from "./spend-load.ts";

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  spends: async () => (await import("./spends.bench.ts")).benchSpends(),
  reads: async () => (await import("./reads.bench.ts")).benchReads(),
  plans: async () => (await import("./plans.bench.ts")).benchPlans(),
  sampling: async () => (await import("./sampling.bench.ts")).benchSampling() as Promise<BenchResult>,
  export: async () => (await import("./export.bench.ts")).benchExport() as Promise<BenchResult>,
  insights: async () => (await import("./insights.bench.ts")).benchInsights(),
  lighthouse: async () => (await import("./lighthouse.bench.ts")).benchLighthouse(),
  memory: async () => (await import("./memory.bench.ts")).benchMemory(),
};

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
try {
  for (const [name, run] of Object.entries(BENCHES)) {
    if (only && !only.includes(name)) continue;
    const started = performance.now();
    printResult(await run());
    console.log(`   (took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
} finally {
  await dropSharedWorld();
}
process.exit(0);
