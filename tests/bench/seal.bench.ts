/**
 * What sealing the log costs under load: POST /api/spends (autocannon, 32 connections) against the
 * server run as production runs it, once with the sequencer sealing (LOG_SEALING=true) and once
 * with it switched off, alternating, in the same run on fresh databases. With sealing on it also
 * measures how long each spend waited for a signed checkpoint once committed: from the moment its
 * 201 answer arrived (the transaction had committed by then) to the moment the checkpoint that
 * first holds its event was written (same machine, same clock).
 * Targets: every event in a signed checkpoint within 2 s at p99; throughput with sealing within 5%
 * of throughput without.
 * Standalone: npm run build:api && node --import tsx tests/bench/seal.bench.ts
 */
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { DEMO_PASSWORD } from "@greentape/db/seed";
import { encodeSignerKey, signerKeyFromSeed } from "@greentape/log/note";
import { freshBenchDatabase, percentile, printResult, startServer, type BenchResult } from "./bench-support.ts";
import { setUpSpendBench, spendRequest } from "./spends.bench.ts";

const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Runs per mode, alternating off and on, so drift on a shared machine falls on both alike. */
const ROUNDS = Number(process.env.BENCH_SEAL_ROUNDS ?? 2);
const SIGNING_KEY = encodeSignerKey(signerKeyFromSeed("bench.green-tape.invalid/log", new Uint8Array(32).fill(9)));

interface Round {
  perSecond: number;
  p99: number;
  non2xx: number;
  /** Commit → checkpoint waits in ms, sorted; empty with sealing off. */
  sealWaits: number[];
  /** Spends answered 201 during the load. */
  committed: number;
}

async function rows<T>(db: Awaited<ReturnType<typeof freshBenchDatabase>>["handle"]["db"], query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function round(sealing: boolean): Promise<Round> {
  const database = await freshBenchDatabase();
  const { db } = database.handle;
  try {
    const setup = await setUpSpendBench(db);
    const { child, base } = await startServer(database.fresh.url, { LOG_SEALING: String(sealing), LOG_SIGNING_KEY: SIGNING_KEY, LOGIN_LIMIT_PER_IP: "1000" });
    try {
      const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "worker@demo.test", password: DEMO_PASSWORD }) });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const answeredAt = new Map<string, number>();
      const load = await autocannon({
        url: `${base}/api/spends`,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            ...spendRequest(setup, accessToken),
            onResponse: (status, body) => {
              if (status === 201) answeredAt.set((JSON.parse(body) as { id: string }).id, Date.now());
            },
          },
        ],
      });
      let sealWaits: number[] = [];
      if (sealing) {
        // Let the last batch seal, then ask, for each event of the load, when its first checkpoint was written.
        for (let i = 0; i < 100; i += 1) {
          const [{ waiting } = { waiting: 1 }] = await rows<{ waiting: number }>(db, sql`select count(*)::int as waiting from events e where not exists (select 1 from log_leaves l where l.event_id = e.id)`);
          if (waiting === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const sealed = await rows<{ spend: string; at: number }>(
          db,
          sql`select e.subject_id as spend, extract(epoch from c.created_at) * 1000 as at
              from events e join log_leaves l on l.event_id = e.id
              cross join lateral (select created_at from log_checkpoints where tree_size > l.log_index order by tree_size, id limit 1) c
              where e.type = 'spend.logged'`,
        );
        sealWaits = sealed.flatMap((r) => {
          const answered = answeredAt.get(r.spend);
          return answered === undefined ? [] : [Math.max(0, Number(r.at) - answered)];
        });
        sealWaits.sort((a, b) => a - b);
      }
      return { perSecond: load.requests.average, p99: load.latency.p99, non2xx: load.non2xx, sealWaits, committed: answeredAt.size };
    } finally {
      child.kill();
    }
  } finally {
    await database.close();
  }
}

export async function benchSeal(): Promise<BenchResult> {
  const off: Round[] = [];
  const on: Round[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    off.push(await round(false));
    on.push(await round(true));
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const waits = on.flatMap((r) => r.sealWaits).sort((a, b) => a - b);
  const unsealed = on.reduce((sum, r) => sum + r.committed - r.sealWaits.length, 0);
  const offRate = mean(off.map((r) => r.perSecond));
  const onRate = mean(on.map((r) => r.perSecond));
  return {
    name: `Sealing the log under load: POST /api/spends, ${CONNECTIONS} connections, ${SECONDS} s, ${ROUNDS} rounds each way`,
    figures: {
      "sealing off: requests/s": offRate,
      "sealing on: requests/s": onRate,
      "throughput on/off": onRate / offRate,
      "sealing off: api p99 ms": mean(off.map((r) => r.p99)),
      "sealing on: api p99 ms": mean(on.map((r) => r.p99)),
      "non-2xx answers": [...off, ...on].reduce((sum, r) => sum + r.non2xx, 0),
      "spends sealed (on)": waits.length,
      "spends left unsealed (on)": unsealed,
      "commit→checkpoint p50 ms": percentile(waits, 0.5),
      "commit→checkpoint p99 ms": percentile(waits, 0.99),
      "commit→checkpoint max ms": waits.at(-1) ?? 0,
      target: "p99 <= 2000 ms; throughput on/off >= 0.95",
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  printResult(await benchSeal());
  process.exit(0);
}
