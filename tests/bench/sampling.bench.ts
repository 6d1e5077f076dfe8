/**
 * Drawing an audit sample over 100,000 spends, target under 2 seconds. The baseline, timed in the
 * same run on the same rows, is the bare query a draw cannot avoid: the period's ids and amounts
 * in id order. Runs standalone (`node --import tsx tests/bench/sampling.bench.ts`) or from
 * tests/bench/run.ts, on a fresh PostgreSQL database (see bench-support.ts), dropped after.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { createAuditService } from "../../apps/api/src/modules/audit/audit.service.ts";
import { freshBenchDatabase } from "./bench-support.ts";

const SPENDS = 100_000;
const PERIOD = "2026-03";
const RUNS = 5;
const TARGET_MS = 2_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function benchSampling(): Promise<{ name: string; figures: Record<string, number> }> {
  const bench = await freshBenchDatabase();
  try {
    const { db } = bench.handle;
    const ids = (await db.execute(sql`
      select
        (select id from users where email = 'worker@demo.test') as worker_id,
        (select team_id from users where email = 'worker@demo.test') as team_id,
        (select id from users where email = 'auditor@demo.test') as auditor_id,
        (select c.id from clients c join users u on u.team_id = c.team_id where u.email = 'worker@demo.test' order by c.reference limit 1) as client_id,
        (select id from schemes order by created_at limit 1) as scheme_id
    `)) as unknown as { rows: { worker_id: string; team_id: string; auditor_id: string; client_id: string; scheme_id: string }[] };
    const row = ids.rows[0];
    if (!row) throw new Error("demo data missing");

    // Deterministic rows: ids from md5, varied amounts, and about one in a thousand flagged so
    // the risk strata have work to do.
    const insertStart = performance.now();
    await db.execute(sql`
      insert into spends (id, worker_id, team_id, client_id, scheme_id, scheme_version, amount, currency, category, payee,
                          payment_method, spent_on, period, booked_period, flags, justification_status, justification_due_on, follow_up_due_on, created_at)
      select md5('gt-bench-' || g)::uuid, ${row.worker_id}, ${row.team_id}, ${row.client_id}, ${row.scheme_id}, 1,
             100 + (g * 7919) % 7400, 'GBP', 'Travel', 'Payee ' || (g % 300), 'prepaid_card',
             date '2026-03-01' + (g % 31), ${PERIOD}, ${PERIOD},
             case when g % 997 = 0 then array['possible_duplicate'] when g % 1009 = 0 then array['split_pattern'] else '{}'::text[] end,
             case when g % 5 = 0 then 'due' else 'submitted' end, date '2026-04-07', date '2026-04-28', timestamptz '2026-03-31 12:00:00+00'
      from generate_series(1, ${SPENDS}) as g
    `);
    await db.execute(sql`analyze spends`);
    const insertMs = performance.now() - insertStart;

    const audit = createAuditService({ db, clock: { now: () => new Date("2026-04-02T10:00:00Z") }, config: { timeZone: "Europe/London" }, log: { checkpoint: async () => null } });
    const auditor = { id: row.auditor_id, role: "auditor" as const, teamId: null, name: "Bench auditor", email: "auditor@demo.test" };
    const baseline = () => db.execute(sql`select id, amount from spends where period = ${PERIOD} order by id`);

    // One of each first, so neither figure carries a cold cache.
    let lastItems = (await audit.draw(auditor, { period: PERIOD, method: "random", riskRules: true, confidence: 0.95, overdueDays: 14 })).items.length;
    await baseline();
    const drawMs: number[] = [];
    const baselineMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      drawMs.push(
        await timed(async () => {
          const sample = await audit.draw(auditor, { period: PERIOD, seed: `bench-${i}`, method: "random", riskRules: true, confidence: 0.95, overdueDays: 14 });
          lastItems = sample.items.length;
        }),
      );
      baselineMs.push(await timed(baseline));
    }

    const drawP50 = median(drawMs);
    const baselineP50 = median(baselineMs);
    const figures = {
      spends: SPENDS,
      runs: RUNS,
      sampleItems: lastItems,
      insertMs: round(insertMs),
      drawP50Ms: round(drawP50),
      drawMaxMs: round(Math.max(...drawMs)),
      baselineQueryP50Ms: round(baselineP50),
      ratioToBaseline: round(drawP50 / baselineP50),
      targetMs: TARGET_MS,
    };
    const name = `audit sample over ${SPENDS.toLocaleString("en-GB")} spends`;
    console.log(
      `${name}: draw p50 ${figures.drawP50Ms} ms (max ${figures.drawMaxMs} ms, ${lastItems} items), bare id/amount query p50 ${figures.baselineQueryP50Ms} ms, ratio ${figures.ratioToBaseline}x; target < ${TARGET_MS} ms: ${drawP50 < TARGET_MS ? "met" : "MISSED"}`,
    );
    return { name, figures };
  } finally {
    await bench.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchSampling();
}
