/**
 * POST /api/spends through HTTP (autocannon, 32 connections) against the same transaction's SQL
 * run straight through pg with 32 connections, on the same database in the same run.
 * Target: the API reaches at least half the direct throughput, with p99 under 50 ms.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { sql } from "drizzle-orm";
import { todayIn } from "@greentape/domain/dates";
import { buildApp } from "../../apps/api/src/app.ts";
import { loadConfig } from "../../apps/api/src/config.ts";
import { freshBenchDatabase, percentile, printResult, type BenchResult } from "./bench-support.ts";

const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = 500;

type Row = Record<string, string>;

export async function setUpSpendBench(db: Awaited<ReturnType<typeof freshBenchDatabase>>["handle"]["db"]) {
  const one = async (query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Row[] }).rows[0] as Row;
  const worker = await one(sql`select id, team_id from users where email = 'worker@demo.test'`);
  const scheme = await one(sql`insert into schemes (current_version) values (1) returning id`);
  await db.execute(sql`insert into scheme_versions (scheme_id, version, name, categories, per_client_window_days, justification_due_days, follow_up_due_days)
    values (${scheme.id}, 1, 'Bench', array['Travel'], 30, 7, 28)`);
  await db.execute(sql`insert into clients (reference, team_id) select 'B-' || g, ${worker.team_id} from generate_series(1, ${CLIENTS}) g`);
  const clients = ((await db.execute(sql`select id from clients where reference like 'B-%' order by reference`)) as unknown as { rows: Row[] }).rows.map((r) => r.id as string);
  return { workerId: worker.id as string, teamId: worker.team_id as string, schemeId: scheme.id as string, clients };
}

/** One POST /api/spends for autocannon: a new idempotency key each time, the clients in turn, today's date. */
export function spendRequest(setup: { schemeId: string; clients: string[] }, accessToken: string): autocannon.Request {
  const today = todayIn("Europe/London", new Date());
  let n = 0;
  return {
    method: "POST",
    setupRequest: (request) => ({
      ...request,
      headers: { ...request.headers, "content-type": "application/json", authorization: `Bearer ${accessToken}`, "idempotency-key": randomUUID() },
      body: JSON.stringify({ schemeId: setup.schemeId, clientId: setup.clients[n++ % setup.clients.length], amount: 1000, category: "Travel", payee: "Go North East", paymentMethod: "prepaid_card", spentOn: today }),
    }),
  };
}

/** The statements the service runs for one spend, in the same order, as one transaction. */
async function directSpend(client: pg.PoolClient, s: { workerId: string; teamId: string; schemeId: string; clientId: string; today: string; period: string }) {
  const id = randomUUID();
  const payeeKey = "gonortheast";
  await client.query("begin");
  try {
    await client.query("insert into idempotency_keys (user_id, key, request_hash, spend_id) values ($1, $2, $3, $4) on conflict do nothing returning user_id", [s.workerId, randomUUID(), "h", id]);
    await client.query("select v.* from schemes s join scheme_versions v on v.scheme_id = s.id and v.version = s.current_version where s.id = $1", [s.schemeId]);
    await client.query("select * from clients where id = $1", [s.clientId]);
    await client.query(
      `select sp.id from spends sp join scheme_versions v on v.scheme_id = sp.scheme_id and v.version = sp.scheme_version
       where sp.worker_id = $1 and sp.voided_at is null and sp.justification_status in ('due','queried') and sp.justification_due_on + v.grace_days < $2::date order by sp.justification_due_on`,
      [s.workerId, s.today],
    );
    await client.query("select * from snoozes where worker_id = $1 order by created_at desc limit 1", [s.workerId]);
    for (const [scope, owner] of [["team", s.teamId], ["worker", s.workerId]]) {
      await client.query("insert into cap_counters (scope, scheme_id, owner_id, period, used) values ($1, $2, $3, $4, 0) on conflict do nothing", [scope, s.schemeId, owner, s.period]);
      await client.query("update cap_counters set used = used + 1000 where scope = $1 and scheme_id = $2 and owner_id = $3 and period = $4 returning used", [scope, s.schemeId, owner, s.period]);
    }
    await client.query("select * from clients where id = $1 for update", [s.clientId]);
    await client.query("select amount, spent_on from spends where worker_id = $1 and client_id = $2 and payee_key = $3 and voided_at is null and spent_on between $4::date - 7 and $4::date + 7", [s.workerId, s.clientId, payeeKey, s.today]);
    await client.query("select count(*) from spends where client_id = $1 and spent_on = $2 and amount = 1000 and payee_key = $3 and voided_at is null", [s.clientId, s.today, payeeKey]);
    await client.query("select amount from spends where team_id = $1 and category = 'Travel' and voided_at is null and spent_on between $2::date - 90 and $2::date", [s.teamId, s.today]);
    await client.query("select id from spends where team_id = $1 and payee_key = $2 limit 1", [s.teamId, payeeKey]);
    await client.query("insert into periods (period) values ($1) on conflict do nothing", [s.period]);
    await client.query("select status from periods where period = $1 for share", [s.period]);
    await client.query(
      `insert into spends (id, worker_id, team_id, client_id, scheme_id, scheme_version, amount, currency, category, payee, payee_key, payment_method, spent_on, period, booked_period, note, flags, justification_due_on, follow_up_due_on)
       values ($1, $2, $3, $4, $5, 1, 1000, 'GBP', 'Travel', 'Go North East', $6, 'prepaid_card', $7, $8, $8, '', '{}', $7::date + 7, $7::date + 28) returning *`,
      [id, s.workerId, s.teamId, s.clientId, s.schemeId, payeeKey, s.today, s.period],
    );
    await client.query(
      "insert into events (occurred_at, actor_id, type, subject_type, subject_id, data, leaf_hash) values (now(), $1, 'spend.logged', 'spend', $2, $3, $4) returning id",
      [s.workerId, id, JSON.stringify({ amount: 1000 }), Buffer.alloc(32)],
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}

async function runDirect(url: string, s: Omit<Parameters<typeof directSpend>[1], "clientId">, clients: string[]) {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < deadline) {
          const start = performance.now();
          await directSpend(client, { ...s, clientId: clients[n++ % clients.length] as string });
          latencies.push(performance.now() - start);
        }
      } finally {
        client.release();
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / SECONDS, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

export async function benchSpends(): Promise<BenchResult> {
  const database = await freshBenchDatabase();
  try {
    const setup = await setUpSpendBench(database.handle.db);
    const config = loadConfig({ LOG_LEVEL: "silent", DATABASE_URL: database.fresh.url, LOGIN_LIMIT_PER_IP: "1000", JWT_SECRET: "bench-secret-bench-secret-bench-secret-0123" });
    const app = await buildApp({ config, db: database.handle.db });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const port = (app.server.address() as { port: number }).port;
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "worker@demo.test", password: "demo-password-1" }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const today = todayIn("Europe/London", new Date());
    const api = await autocannon({ url: `http://127.0.0.1:${port}/api/spends`, connections: CONNECTIONS, duration: SECONDS, requests: [spendRequest(setup, accessToken)] });
    await app.close();
    const direct = await runDirect(database.fresh.url, { workerId: setup.workerId, teamId: setup.teamId, schemeId: setup.schemeId, today, period: today.slice(0, 7) }, setup.clients);
    const apiPerSecond = api.requests.average;
    return {
      name: `POST /api/spends, ${CONNECTIONS} connections, ${SECONDS} s each`,
      figures: {
        "api requests/s": apiPerSecond,
        "api p50 ms": api.latency.p50,
        "api p99 ms": api.latency.p99,
        "api non-2xx answers": api.non2xx,
        "direct pg transactions/s": direct.perSecond,
        "direct p50 ms": direct.p50,
        "direct p99 ms": direct.p99,
        "ratio api/direct": apiPerSecond / direct.perSecond,
        "target": "ratio >= 0.5, api p99 < 50 ms",
      },
    };
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  printResult(await benchSpends());
}
