/**
 * The world the spend benchmarks run in, built once per run as a PostgreSQL template and copied
 * for each measurement, so every figure starts from the same rows: the demo council, plus 5 teams
 * of 10 workers with 100 clients each (50 workers, 500 clients), a scheme whose caps are checked
 * on every spend but never reached, and BENCH_HISTORY earlier spends (100,000 by default) spread
 * over the last year, so indexes and flag look-ups work at a real council's size.
 */
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import type autocannon from "autocannon";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "@greentape/db/client";
import { DEMO_PASSWORD, seedDemo } from "@greentape/db/seed";
import { todayIn } from "@greentape/domain/dates";
import { buildApp } from "../../apps/api/src/app.ts";
import { loadConfig } from "../../apps/api/src/config.ts";
import { hashPassword } from "../../apps/api/src/lib/passwords.ts";
import { BENCH_DATABASE_URL } from "./bench-support.ts";

export const TEAMS = 5;
export const WORKERS_PER_TEAM = 10;
export const CLIENTS_PER_TEAM = 100;
export const HISTORY = Number(process.env.BENCH_HISTORY ?? 100_000);
/** Shared by every server the benchmarks start, so a token from the template works on each copy. */
export const BENCH_JWT_SECRET = "bench-secret-bench-secret-bench-secret-0123";

export interface Worker {
  id: string;
  teamId: string;
  token: string;
  clients: string[];
}

export interface SpendWorld {
  template: string;
  history: number;
  schemeId: string;
  workers: Worker[];
  today: string;
  period: string;
}

/** One-minute load average, beside every figure: the machine is shared, so each number says what else ran. */
export function load(): number {
  return Number((loadavg()[0] ?? 0).toFixed(2));
}

function databaseUrl(name: string): string {
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Signs every worker in through the API once, while the template is built, so each copy holds
 * their sessions. Access tokens last 15 minutes, longer than the spend and read benchmarks take.
 */
async function signIn(db: DatabaseHandle["db"], url: string, emails: string[]): Promise<string[]> {
  const config = loadConfig({ LOG_LEVEL: "silent", DATABASE_URL: url, JWT_SECRET: BENCH_JWT_SECRET, LOG_SEALING: "false", LOGIN_LIMIT_PER_IP: "100000" });
  const app = await buildApp({ config, db });
  try {
    const tokens: string[] = [];
    for (const email of emails) {
      const answer = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: DEMO_PASSWORD } });
      if (answer.statusCode !== 200) throw new Error(`could not sign ${email} in: ${answer.statusCode} ${answer.body}`);
      tokens.push((JSON.parse(answer.body) as { accessToken: string }).accessToken);
    }
    return tokens;
  } finally {
    await app.close();
  }
}

export async function buildSpendWorld(): Promise<SpendWorld & { drop(): Promise<void> }> {
  const template = `gt_bench_tpl_${Date.now().toString(36)}`;
  await admin((c) => c.query(`create database "${template}"`));
  const handle = await openDatabase({ databaseUrl: databaseUrl(template), poolSize: 2 });
  const today = todayIn("Europe/London", new Date());
  try {
    await handle.migrate();
    await seedDemo(handle.db, { hashPassword });
    const pool = new pg.Pool({ connectionString: databaseUrl(template), max: 1 });
    const q = async (text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as Record<string, string>[];
    const [{ hash } = { hash: "" }] = await q("select password_hash as hash from users where email = 'worker@demo.test'");
    const [scheme] = await q(`insert into schemes (current_version) values (1) returning id`);
    const schemeId = scheme?.id as string;
    await q(
      `insert into scheme_versions (scheme_id, version, name, categories, per_spend_cap, per_client_cap, per_client_window_days, per_worker_monthly_cap, team_monthly_budget, justification_due_days, follow_up_due_days)
       values ($1, 1, 'Bench', array['Travel','Food','Clothing'], 100000, 1000000000, 30, 1000000000, 1000000000, 7, 28)`,
      [schemeId],
    );
    const workers: Worker[] = [];
    for (let t = 0; t < TEAMS; t += 1) {
      const [team] = await q(`insert into teams (name, cost_centre, service_area) values ($1, $2, 'Bench') returning id`, [`Bench team ${t}`, `CC-B${t}`]);
      const teamId = team?.id as string;
      const clients = (await q(`insert into clients (reference, team_id) select 'B-' || $1::int || '-' || g, $2 from generate_series(1, $3::int) g returning id`, [t, teamId, CLIENTS_PER_TEAM])).map((r) => r.id as string);
      const people = await q(
        `insert into users (email, name, role, team_id, password_hash) select 'bench' || $1::int || '-' || g || '@demo.test', 'Bench worker ' || g, 'worker', $2, $3 from generate_series(1, $4::int) g returning id, email`,
        [t, teamId, hash, WORKERS_PER_TEAM],
      );
      const tokens = await signIn(handle.db, databaseUrl(template), people.map((p) => p.email as string));
      people.forEach((p, i) => workers.push({ id: p.id as string, teamId, token: tokens[i] as string, clients }));
    }
    // Earlier spends, all justified (so no worker is paused), over the last 365 days.
    await q(
      `insert into spends (worker_id, team_id, client_id, scheme_id, scheme_version, amount, currency, category, payee, payee_key, payment_method, spent_on, period, booked_period, justification_status, justification_due_on, follow_up_due_on, created_at)
       select w.id, w.team_id, c.id, $1, 1, 500 + (g * 37) % 9500, 'GBP', (array['Travel','Food','Clothing'])[1 + g % 3], 'Payee ' || g % 400, 'payee' || g % 400, 'prepaid_card',
              d, to_char(d, 'YYYY-MM'), to_char(d, 'YYYY-MM'), 'endorsed', d + 7, d + 28, d + interval '12 hours'
       from generate_series(1, $2::int) g
       cross join lateral (select ($3::date - (g % 365)) as d) day
       join lateral (select id, team_id from users where email = 'bench' || (g % ${TEAMS}) || '-' || (1 + (g / ${TEAMS}) % ${WORKERS_PER_TEAM}) || '@demo.test') w on true
       join lateral (select id from clients where reference = 'B-' || (g % ${TEAMS}) || '-' || (1 + (g / 7) % ${CLIENTS_PER_TEAM})) c on true`,
      [schemeId, HISTORY, today],
    );
    // The month is open, as it is once its first spend has been booked: every measurement then
    // books into it, the captured statements' replays as much as the product.
    await q("insert into periods (period) values ($1) on conflict do nothing", [today.slice(0, 7)]);
    await q("analyze");
    await pool.end();
    return {
      template,
      history: HISTORY,
      schemeId,
      workers,
      today,
      period: today.slice(0, 7),
      drop: () => admin((c) => c.query(`drop database if exists "${template}" with (force)`)).then(() => undefined),
    };
  } finally {
    await handle.close();
  }
}

let shared: ReturnType<typeof buildSpendWorld> | undefined;

/** Built at most once per run, for the spend and read benchmarks alike. */
export function sharedWorld(): Promise<SpendWorld> {
  shared ??= buildSpendWorld();
  return shared;
}

export async function dropSharedWorld(): Promise<void> {
  if (shared) await (await shared).drop();
}

/** A copy of the template for one measurement, dropped after. */
export async function copyOfWorld<T>(world: SpendWorld, run: (url: string) => Promise<T>): Promise<T> {
  const name = `gt_bench_${Date.now().toString(36)}_${randomUUID().slice(0, 8)}`;
  await admin((c) => c.query(`create database "${name}" template "${world.template}"`));
  try {
    return await run(databaseUrl(name));
  } finally {
    await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
  }
}

/** Who spends: "hot" is one worker on their team's clients; "spread" is every worker, each on their own team's clients. */
export type Spread = "hot" | "spread";

export function pickers(world: SpendWorld, spread: Spread): () => { worker: Worker; clientId: string } {
  const workers = spread === "hot" ? world.workers.slice(0, 1) : world.workers;
  return () => {
    const worker = workers[Math.floor(Math.random() * workers.length)] as Worker;
    return { worker, clientId: worker.clients[Math.floor(Math.random() * worker.clients.length)] as string };
  };
}

export function spendBody(world: SpendWorld, clientId: string): string {
  return JSON.stringify({ schemeId: world.schemeId, clientId, amount: 1000, category: "Travel", payee: "Go North East", paymentMethod: "prepaid_card", spentOn: world.today });
}

/** One POST /api/spends for autocannon: a random worker of the spread, one of their clients, a new Idempotency-Key. */
export function spendRequest(world: SpendWorld, spread: Spread, onCreated?: (spendId: string) => void): autocannon.Request {
  const pick = pickers(world, spread);
  return {
    method: "POST",
    path: "/api/spends",
    setupRequest: (request) => {
      const { worker, clientId } = pick();
      return {
        ...request,
        headers: { ...request.headers, "content-type": "application/json", authorization: `Bearer ${worker.token}`, "idempotency-key": randomUUID() },
        body: spendBody(world, clientId),
      };
    },
    ...(onCreated ? { onResponse: (status: number, body: string) => (status === 201 ? onCreated((JSON.parse(body) as { id: string }).id) : undefined) } : {}),
  };
}
