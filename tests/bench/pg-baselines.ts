/**
 * The two baselines the product's spends are measured against, both run straight through `pg`:
 * - the product's own statements, captured from one real POST /api/spends (every query the
 *   process sends while answering it, with its parameters and prepared-statement name) and
 *   replayed with fresh ids, so the baseline follows the product whenever its SQL changes;
 * - the minimal transaction a spend cannot do without (both conditional counter updates, the
 *   spend insert and the event insert), the physical limit.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { buildApp } from "../../apps/api/src/app.ts";
import { openDatabase } from "@greentape/db/client";
import { loadConfig } from "../../apps/api/src/config.ts";
import { percentile } from "./bench-support.ts";
import { BENCH_JWT_SECRET, pickers, spendBody, type Spread, type SpendWorld, type Worker } from "./spend-load.ts";

export interface Captured {
  name: string | undefined;
  text: string;
  values: unknown[];
}

export interface CapturedSpend {
  statements: Captured[];
  /** The ids in the captured parameters that each replay swaps for its own. */
  ids: { workerId: string; teamId: string; clientId: string; spendId: string; idempotencyKey: string };
}

type QueryFn = (...args: unknown[]) => unknown;

/** Every query this process sends through `pg` while `run` runs. */
export async function recordQueries<T>(run: () => Promise<T>): Promise<{ result: T; statements: Captured[] }> {
  const statements: Captured[] = [];
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === "string") statements.push({ name: undefined, text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === "object" && "text" in first) {
      const config = first as { name?: string; text: string; values?: unknown[] };
      statements.push({ name: config.name, text: config.text, values: Array.isArray(second) ? second : (config.values ?? []) });
    }
    return original.apply(this, args);
  };
  try {
    return { result: await run(), statements };
  } finally {
    proto.query = original;
  }
}

/** Logs one spend through the real app in this process and keeps the statements it sent. */
export async function captureSpend(url: string, world: SpendWorld): Promise<CapturedSpend> {
  const handle = await openDatabase({ databaseUrl: url });
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: "silent", DATABASE_URL: url, JWT_SECRET: BENCH_JWT_SECRET, LOG_SEALING: "false" }), db: handle.db });
  try {
    const worker = world.workers[0] as Worker;
    const clientId = worker.clients[0] as string;
    const idempotencyKey = randomUUID();
    const request = () =>
      app.inject({
        method: "POST",
        url: "/api/spends",
        headers: { "content-type": "application/json", authorization: `Bearer ${worker.token}`, "idempotency-key": idempotencyKey },
        payload: spendBody(world, clientId),
      });
    // Once unrecorded, so one-off work (prepared statements' first use, caches) is not taken for the spend's.
    await app.inject({ method: "POST", url: "/api/spends", headers: { "content-type": "application/json", authorization: `Bearer ${worker.token}`, "idempotency-key": randomUUID() }, payload: spendBody(world, clientId) });
    const { result, statements } = await recordQueries(request);
    if (result.statusCode !== 201) throw new Error(`the captured spend was answered ${result.statusCode}: ${result.body}`);
    const spendId = (JSON.parse(result.body) as { id: string }).id;
    return { statements, ids: { workerId: worker.id, teamId: worker.teamId, clientId, spendId, idempotencyKey } };
  } finally {
    await app.close();
    await handle.close();
  }
}

function substitute(value: unknown, swaps: [string, string][]): unknown {
  if (typeof value !== "string") return value;
  let out = value;
  for (const [from, to] of swaps) out = out.replaceAll(from, to);
  return out;
}

export interface LoopResult {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `connections` clients each running `once` back to back for `seconds`. */
async function loop(url: string, connections: number, seconds: number, once: (client: pg.PoolClient) => Promise<void>): Promise<LoopResult> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < deadline) {
          const start = performance.now();
          try {
            await once(client);
            latencies.push(performance.now() - start);
          } catch {
            errors += 1;
            await client.query("rollback").catch(() => undefined);
          }
        }
      } finally {
        client.release();
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), errors };
}

/** Where the write statement takes the spend count its checks read (see spend-write.queries.ts). */
const SPENDS_LOGGED_PARAM = /client\.before = \$(\d+)::bigint/;

/** The captured statements, in order on one connection, with this spend's worker, team, client and fresh ids. */
export function replayCaptured(url: string, world: SpendWorld, spread: Spread, captured: CapturedSpend, connections: number, seconds: number): Promise<LoopResult> {
  const pick = pickers(world, spread);
  return loop(url, connections, seconds, async (client) => {
    const { worker, clientId } = pick();
    const swaps: [string, string][] = [
      [captured.ids.spendId, randomUUID()],
      [captured.ids.idempotencyKey, randomUUID()],
      [captured.ids.workerId, worker.id],
      [captured.ids.teamId, worker.teamId],
      [captured.ids.clientId, clientId],
    ];
    // The write holds only if the client's spend count is still what the checks read: take this
    // client's from the replayed checks, as the product does, rather than the captured client's.
    let spendsLogged: unknown;
    for (const s of captured.statements) {
      const values = s.values.map((v) => substitute(v, swaps));
      const countAt = SPENDS_LOGGED_PARAM.exec(s.text)?.[1];
      if (countAt && spendsLogged !== undefined) values[Number(countAt) - 1] = spendsLogged;
      const result = await client.query(s.name ? { name: s.name, text: s.text, values } : { text: s.text, values });
      const checks = (result.rows[0] as { checks?: { client?: { spendsLogged?: number } } } | undefined)?.checks;
      if (checks?.client) spendsLogged = checks.client.spendsLogged;
    }
  });
}

/** What no spend can do without: both counters moved under their caps, the spend and its event written. */
export function minimalTransaction(url: string, world: SpendWorld, spread: Spread, connections: number, seconds: number): Promise<LoopResult> {
  const pick = pickers(world, spread);
  const counter = {
    name: "bench_min_counter",
    text: `insert into cap_counters (scope, scheme_id, owner_id, period, used) values ($1, $2, $3, $4, $5)
           on conflict (scope, scheme_id, owner_id, period) do update set used = cap_counters.used + excluded.used where cap_counters.used + excluded.used <= $6 returning used`,
  };
  const spend = {
    name: "bench_min_spend",
    text: `insert into spends (id, worker_id, team_id, client_id, scheme_id, scheme_version, amount, currency, category, payee, payee_key, payment_method, spent_on, period, booked_period, justification_due_on, follow_up_due_on)
           values ($1, $2, $3, $4, $5, 1, 1000, 'GBP', 'Travel', 'Go North East', 'gonortheast', 'prepaid_card', $6, $7, $7, $6::date + 7, $6::date + 28)`,
  };
  const event = {
    name: "bench_min_event",
    text: `insert into events (occurred_at, actor_id, type, subject_type, subject_id, data, leaf_hash) values (now(), $1, 'spend.logged', 'spend', $2, $3, $4)`,
  };
  const leaf = Buffer.alloc(32);
  return loop(url, connections, seconds, async (client) => {
    const { worker, clientId } = pick();
    const id = randomUUID();
    await client.query("begin");
    await client.query({ ...counter, values: ["team", world.schemeId, worker.teamId, world.period, 1000, 1_000_000_000] });
    await client.query({ ...counter, values: ["worker", world.schemeId, worker.id, world.period, 1000, 1_000_000_000] });
    await client.query({ ...spend, values: [id, worker.id, worker.teamId, clientId, world.schemeId, world.today, world.period] });
    await client.query({ ...event, values: [worker.id, id, JSON.stringify({ amount: 1000 }), leaf] });
    await client.query("commit");
  });
}
