/**
 * "What it achieved" over a real council's year: every insights endpoint, through HTTP, over the
 * spend benchmark's world (BENCH_HISTORY earlier spends, 100,000 by default, over the last 365
 * days), with most spends justified, reviewed and followed up, every client's equality monitoring
 * filled in, and a sample drawn with findings in each month. Target: each endpoint under 500 ms.
 * The baseline, timed in the same run on the same rows, is a bare `select count(*)` of the spends
 * each answer covers: the least any report over them has to read.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { DEMO_PASSWORD } from "@greentape/db/seed";
import { startServer, type BenchResult } from "./bench-support.ts";
import { copyOfWorld, load, sharedWorld, type SpendWorld } from "./spend-load.ts";
import { productEnv } from "./spends.bench.ts";

const RUNS = 7;
const TARGET_MS = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Months from the world's first spend to today, as YYYY-MM. */
function yearOfMonths(world: SpendWorld): string[] {
  const [year, month] = world.period.split("-").map(Number) as [number, number];
  return Array.from({ length: 13 }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 13 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/** The loop's later steps on the earlier spends, deterministic from each spend's id. */
export async function fillTheLoop(client: pg.Client): Promise<void> {
  await client.query(`
    update clients set
      age_band = (array['under_18','18_24','25_34','35_49','50_64','65_74','75_and_over','prefer_not_to_say'])[1 + abs(hashtext(id::text)) % 8],
      sex = (array['female','male','prefer_not_to_say'])[1 + abs(hashtext(id::text || 's')) % 3],
      ethnic_group = (array['asian','black','mixed','white','other','prefer_not_to_say'])[1 + abs(hashtext(id::text || 'e')) % 6],
      disability = (array['yes','no','prefer_not_to_say'])[1 + abs(hashtext(id::text || 'd')) % 3]`);
  await client.query(`
    insert into justification_revisions (spend_id, revision, narrative, intended_outcome, submitted_by, created_at)
    select id, 1, 'Bus fare to the housing appointment', 'Keeps the tenancy', worker_id, created_at + (abs(hashtext(id::text)) % 5) * interval '1 day'
    from spends where abs(hashtext(id::text)) % 10 <> 0`);
  await client.query(`
    insert into reviews (spend_id, reviewer_id, decision, revision, created_at)
    select s.id, s.worker_id, 'endorse', 1, j.created_at + (abs(hashtext(s.id::text)) % 4) * interval '1 day'
    from spends s join justification_revisions j on j.spend_id = s.id
    where abs(hashtext(s.id::text)) % 10 < 7`);
  await client.query(`
    insert into follow_ups (spend_id, contacted_on, method, outcome, recorded_by)
    select id, spent_on + 14 + abs(hashtext(id::text)) % 14, 'phone',
           (array['helped_a_lot','helped_a_little','no_difference','made_things_worse','could_not_contact'])[1 + abs(hashtext(id::text || 'o')) % 5],
           worker_id
    from spends where abs(hashtext(id::text)) % 10 < 6`);
  await client.query("analyze");
}

async function signIn(base: string, email: string): Promise<string> {
  const answer = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (answer.status !== 200) throw new Error(`could not sign ${email} in: ${answer.status} ${await answer.text()}`);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

/** A small sample in every month, a tenth of its items found wanting, so the audit figures have work to do. */
async function drawSamples(base: string, token: string, months: string[], client: pg.Client): Promise<void> {
  for (const period of months) {
    const drawn = await fetch(`${base}/api/audit/samples`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ period, size: 60, riskRules: false, seed: `bench-${period}` }),
    });
    if (drawn.status !== 201) throw new Error(`could not draw ${period}: ${drawn.status} ${await drawn.text()}`);
  }
  await client.query(`update audit_sample_items set result = case when position % 10 = 0 then 'minor' else 'no_issue' end`);
}

async function timedRuns(run: () => Promise<void>): Promise<number[]> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

export async function benchInsights(): Promise<BenchResult> {
  const world = await sharedWorld();
  return copyOfWorld(world, async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { child, base } = await startServer(url, productEnv());
    try {
      await fillTheLoop(client);
      const auditor = await signIn(base, "auditor@demo.test");
      const months = yearOfMonths(world);
      const from = months[0] as string;
      const to = months[months.length - 1] as string;
      await drawSamples(base, auditor, months, client);
      const year = Number(world.period.slice(0, 4));

      const endpoints: Array<[label: string, path: string, countFrom: string, countTo: string]> = [
        ["outcomes by category", `/api/insights/outcomes?from=${from}&to=${to}&groupBy=category`, from, to],
        ["outcomes by team", `/api/insights/outcomes?from=${from}&to=${to}&groupBy=team`, from, to],
        ["outcomes by scheme", `/api/insights/outcomes?from=${from}&to=${to}&groupBy=scheme`, from, to],
        ["outcomes by month", `/api/insights/outcomes?from=${from}&to=${to}&groupBy=month`, from, to],
        ["outcomes compare", `/api/insights/outcomes/compare?from=${from}&to=${to}&groupBy=category&first=Travel&second=Food`, from, to],
        ["uptake", `/api/insights/uptake?period=${to}`, to, to],
        ["equity", `/api/insights/equity?from=${from}&to=${to}`, from, to],
        ["summary", `/api/insights/summary?from=${from}&to=${to}`, from, to],
        ["public summary (json)", `/api/public/summary?year=${year}&format=json`, `${year}-01`, `${year}-12`],
        ["public summary (csv)", `/api/public/summary?year=${year}&format=csv`, `${year}-01`, `${year}-12`],
      ];

      const figures: Record<string, string> = {};
      let worstP50 = 0;
      for (const [label, path, countFrom, countTo] of endpoints) {
        const answerMs = await timedRuns(async () => {
          const answer = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${auditor}` } });
          if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
          await answer.arrayBuffer();
        });
        let rowsCounted = 0;
        const countMs = await timedRuns(async () => {
          const { rows } = await client.query<{ n: number }>("select count(*)::int as n from spends where period between $1 and $2", [countFrom, countTo]);
          rowsCounted = rows[0]?.n ?? 0;
        });
        const p50 = median(answerMs);
        worstP50 = Math.max(worstP50, p50);
        figures[label] =
          `p50 ${round(p50)} ms, max ${round(Math.max(...answerMs))} ms; count(*) of its ${rowsCounted} spends p50 ${round(median(countMs))} ms; ratio ${round(p50 / median(countMs))}x` +
          `${p50 < TARGET_MS ? "" : "  MISSED"}`;
      }
      figures["slowest p50"] = `${round(worstP50)} ms (target < ${TARGET_MS} ms: ${worstP50 < TARGET_MS ? "met" : "MISSED"}; load ${load()})`;
      return { name: `Insights over ${world.history.toLocaleString("en-GB")} spends, ${RUNS} runs each after one warm-up`, figures };
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await client.end();
    }
  });
}
