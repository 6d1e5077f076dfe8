import { openDatabase, type DatabaseHandle } from "@greentape/db/client";
import { seedDemo } from "@greentape/db/seed";
import { hashPassword } from "../../apps/api/src/lib/passwords.ts";
import { createFreshDatabase, type FreshDatabase } from "../support/database.ts";

export { startServer } from "../support/server-process.ts";

export interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
}

/** Benchmarks measure PostgreSQL, the production database; without DATABASE_URL they use the local server. */
export const BENCH_DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function freshBenchDatabase(): Promise<{ handle: DatabaseHandle; fresh: FreshDatabase; close(): Promise<void> }> {
  process.env.DATABASE_URL = BENCH_DATABASE_URL;
  const fresh = await createFreshDatabase({ prefix: "gt_bench" });
  if (!fresh) throw new Error("no database for the benchmark");
  const handle = await openDatabase({ databaseUrl: fresh.url, poolSize: 40 });
  await handle.migrate();
  await seedDemo(handle.db, { hashPassword });
  return {
    handle,
    fresh,
    async close() {
      await handle.close();
      await fresh.drop();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}

export function printResult(result: BenchResult): void {
  console.log(`\n== ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`   ${key.padEnd(34)} ${typeof value === "number" ? Number(value.toFixed(2)) : value}`);
}
