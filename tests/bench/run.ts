/**
 * npm run bench: every benchmark, each printing its figures beside a baseline measured in the
 * same run (direct SQL, PostgreSQL's COPY, a bare SELECT), so ratios hold whatever the machine.
 * BENCH_ONLY=spends,sampling,export,seal picks some; BENCH_SECONDS sets the load duration.
 */
import { printResult, type BenchResult } from "./bench-support.ts";

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  spends: async () => (await import("./spends.bench.ts")).benchSpends(),
  sampling: async () => (await import("./sampling.bench.ts")).benchSampling() as Promise<BenchResult>,
  export: async () => (await import("./export.bench.ts")).benchExport() as Promise<BenchResult>,
  seal: async () => (await import("./seal.bench.ts")).benchSeal(),
};

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
for (const [name, run] of Object.entries(BENCHES)) {
  if (only && !only.includes(name)) continue;
  const started = performance.now();
  printResult(await run());
  console.log(`   (took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(0);
