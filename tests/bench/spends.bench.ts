/**
 * POST /api/spends, each figure beside its baseline from the same run and the load average then:
 * - the product (the server run as `npm run serve` runs it, driven by autocannon) against `pg`
 *   replaying the product's own statements, captured from one real spend (pg-baselines.ts), on
 *   one hot worker and on the realistic spread (50 workers, 5 teams, 500 clients);
 * - those statements against the minimal transaction, the physical limit;
 * - on the spread, the product with the log's sealing on against sealing off (LOG_SEALING=false),
 *   and how long each spend waited, from its 201 answer to the signed checkpoint first holding its
 *   event (same machine, same clock).
 * Every measurement runs on its own copy of one template database. BENCH_CPU_PROF=dir writes a
 * CPU profile of the server during the spread and prints its top 10 self-time entries.
 * Targets: spread product >= 0.7x its statements, statements >= 0.35x minimal, p99 < 100 ms;
 * hot product >= 0.7x, p99 < 250 ms; sealed within 2 s at p99; sealing on/off >= 0.95.
 */
import autocannon from "autocannon";
import pg from "pg";
import { encodeSignerKey, signerKeyFromSeed } from "@greentape/log/note";
import { percentile, startServer, type BenchResult } from "./bench-support.ts";
import { latestProfileTop } from "./cpu-profile.ts";
import { captureSpend, minimalTransaction, replayCaptured, type LoopResult } from "./pg-baselines.ts";
import { BENCH_JWT_SECRET, copyOfWorld, load, sharedWorld, spendRequest, type SpendWorld, type Spread } from "./spend-load.ts";

export const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SIGNING_KEY = encodeSignerKey(signerKeyFromSeed("bench.green-tape.invalid/log", new Uint8Array(32).fill(9)));

export interface Measured extends LoopResult {
  load: number;
}

interface ProductRun extends Measured {
  sealWaits: number[];
  answered: number;
}

export function productEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { LOG_SIGNING_KEY: SIGNING_KEY, JWT_SECRET: BENCH_JWT_SECRET, LOGIN_LIMIT_PER_IP: "100000", ...extra };
}

/** When each spend answered 201 was first held by a signed checkpoint, as a wait from its answer. */
async function sealWaits(url: string, answeredAt: Map<string, number>): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 100; i += 1) {
      const { rows } = await client.query<{ waiting: number }>("select count(*)::int as waiting from events e where not exists (select 1 from log_leaves l where l.event_id = e.id)");
      if ((rows[0]?.waiting ?? 1) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await client.query<{ spend: string; at: number }>(
      `select e.subject_id as spend, extract(epoch from c.created_at) * 1000 as at
       from events e join log_leaves l on l.event_id = e.id
       cross join lateral (select created_at from log_checkpoints where tree_size > l.log_index order by tree_size, id limit 1) c
       where e.type = 'spend.logged'`,
    );
    const waits = rows.flatMap((r) => {
      const answered = answeredAt.get(r.spend);
      return answered === undefined ? [] : [Math.max(0, Number(r.at) - answered)];
    });
    return waits.sort((a, b) => a - b);
  } finally {
    await client.end();
  }
}

async function product(world: SpendWorld, spread: Spread, options: { sealing: boolean; cpuProfileDir?: string | undefined; poolSize?: number }): Promise<ProductRun> {
  return copyOfWorld(world, async (url) => {
    const flags = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
    const { child, base } = await startServer(url, productEnv({ LOG_SEALING: String(options.sealing), ...(options.poolSize ? { DATABASE_POOL_SIZE: String(options.poolSize) } : {}) }), flags);
    const answeredAt = new Map<string, number>();
    try {
      const result = await autocannon({ url: base, connections: CONNECTIONS, duration: SECONDS, requests: [spendRequest(world, spread, (id) => answeredAt.set(id, Date.now()))] });
      const measuredLoad = load();
      const waits = options.sealing ? await sealWaits(url, answeredAt) : [];
      return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors, load: measuredLoad, sealWaits: waits, answered: answeredAt.size };
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });
}

async function measured(run: () => Promise<LoopResult>): Promise<Measured> {
  const result = await run();
  return { ...result, load: load() };
}

const fmt = (m: Measured) => `${m.perSecond.toFixed(0)}/s  p50 ${m.p50.toFixed(0)} ms  p99 ${m.p99.toFixed(0)} ms  errors ${m.errors}  (load ${m.load})`;
const ratio = (a: Measured, b: Measured) => `${(a.perSecond / b.perSecond).toFixed(2)}  (load ${a.load} / ${b.load})`;

export async function benchSpends(): Promise<BenchResult> {
  const world = await sharedWorld();
  const captured = await copyOfWorld(world, (url) => captureSpend(url, world));
  const cpuProfileDir = process.env.BENCH_CPU_PROF;

  const hotStatements = await copyOfWorld(world, (url) => measured(() => replayCaptured(url, world, "hot", captured, CONNECTIONS, SECONDS)));
  const hotProduct = await product(world, "hot", { sealing: true });
  const minimal = await copyOfWorld(world, (url) => measured(() => minimalTransaction(url, world, "spread", CONNECTIONS, SECONDS)));
  const spreadStatements = await copyOfWorld(world, (url) => measured(() => replayCaptured(url, world, "spread", captured, CONNECTIONS, SECONDS)));
  const unsealed = await product(world, "spread", { sealing: false });
  const spread = await product(world, "spread", { sealing: true, cpuProfileDir });
  const waits = spread.sealWaits;

  const figures: Record<string, string | number> = {
    "statements per spend (captured)": `${captured.statements.length}, of which ${captured.statements.filter((s) => s.name).length} prepared`,
    "hot: product": fmt(hotProduct),
    "hot: its statements via pg": fmt(hotStatements),
    "hot: product / statements": ratio(hotProduct, hotStatements),
    "spread: product (sealing on)": fmt(spread),
    "spread: its statements via pg": fmt(spreadStatements),
    "spread: minimal transaction": fmt(minimal),
    "spread: product / statements": ratio(spread, spreadStatements),
    "spread: statements / minimal": ratio(spreadStatements, minimal),
    "spread: product, sealing off": fmt(unsealed),
    "spread: sealing on / off": ratio(spread, unsealed),
    "spread: sealed / answered": `${waits.length} / ${spread.answered}`,
    "spread: answer→checkpoint": `p50 ${percentile(waits, 0.5).toFixed(0)} ms  p99 ${percentile(waits, 0.99).toFixed(0)} ms  max ${(waits.at(-1) ?? 0).toFixed(0)} ms`,
    targets: "spread >= 0.7x statements, statements >= 0.35x minimal, p99 < 100 ms; hot >= 0.7x, p99 < 250 ms; sealed p99 <= 2000 ms; on/off >= 0.95",
  };
  // BENCH_POOL_SIZES=5,10,20,40: the spread again at each pool size, for the README's advice.
  for (const poolSize of (process.env.BENCH_POOL_SIZES ?? "").split(",").filter(Boolean).map(Number)) {
    figures[`spread: product, pool of ${poolSize}`] = fmt(await product(world, "spread", { sealing: true, poolSize }));
  }
  if (cpuProfileDir) latestProfileTop(cpuProfileDir).forEach((line, i) => (figures[`cpu self-time #${i + 1}`] = line));
  return { name: `POST /api/spends, ${CONNECTIONS} connections, ${SECONDS} s each, ${world.history} earlier spends`, figures };
}
