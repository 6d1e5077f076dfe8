import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { openDatabase, type DatabaseHandle } from "@greentape/db/client";
import { seedDemo } from "@greentape/db/seed";
import { hashPassword } from "../../apps/api/src/modules/auth/passwords.ts";
import { createFreshDatabase, type FreshDatabase } from "../support/database.ts";
import { serveCommand } from "../support/serve-command.ts";

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The server in a child process exactly as `npm run serve` runs it (the built bundle, its heap limit). */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const { command, args, cwd } = serveCommand();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", SEED_DEMO: "false", JWT_SECRET: randomBytes(32).toString("hex"), WEB_DIST: "/nonexistent", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (up) return { child, base };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error("the server did not start within 30 s");
}
