/**
 * The query plans of the spend's path and of the two reads, over the benchmark's 100,000 earlier
 * spends: every statement the product sends for one POST /api/spends, one worker's
 * GET /api/spends and one GET /api/spends/:id, captured as the app sends them, run again under
 * EXPLAIN (ANALYZE, BUFFERS) (writes inside a transaction that is rolled back). Each plan is
 * printed whole with its scans summarised, and any sequential scan of a large table is named.
 * The earlier spends first get what a year of use leaves beside them (justifications, reviews,
 * follow-ups, receipts and each spend's event), so no plan is judged on empty tables.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase } from "@greentape/db/client";
import { buildApp } from "../../apps/api/src/app.ts";
import { loadConfig } from "../../apps/api/src/config.ts";
import type { BenchResult } from "./bench-support.ts";
import { recordQueries, type Captured } from "./pg-baselines.ts";
import { fillTheLoop } from "./insights.bench.ts";
import { BENCH_JWT_SECRET, copyOfWorld, sharedWorld, spendBody, type Worker } from "./spend-load.ts";

const LARGE_TABLES = ["spends", "events", "log_leaves", "clients", "justification_revisions", "reviews", "follow_ups", "comments", "receipts"];
const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/** Receipts for most spends and the event each spend's logging appended, beside the insights bench's loop. */
async function fillTheRest(client: pg.Client): Promise<void> {
  await client.query(`
    insert into receipts (spend_id, storage_key, sha256, content_type, size_bytes, uploaded_by, created_at)
    select id, 'bench/' || id, md5(id::text), 'image/jpeg', 200000, worker_id, created_at from spends where abs(hashtext(id::text || 'r')) % 10 < 8`);
  await client.query(`
    insert into events (occurred_at, actor_id, type, subject_type, subject_id, data)
    select created_at, worker_id, 'spend.logged', 'spend', id::text, '{}'::jsonb from spends`);
  await client.query("analyze");
}

/**
 * Takes back, inside the explain's own transaction, what logging the spend wrote (its event stays: the log refuses deletes): the captured write
 * claims the same key and spend id, and expects the client's count from before it, so run again as
 * it stands it would be refused (spend_refused) rather than do the work it did.
 */
async function undoLoggedSpend(client: pg.Client, spendId: string): Promise<void> {
  await client.query("delete from idempotency_keys where spend_id = $1", [spendId]);
  await client.query("update clients set spends_logged = spends_logged - 1 where id = (select client_id from spends where id = $1)", [spendId]);
  await client.query(
    `update cap_counters c set used = c.used - s.amount from spends s
      where s.id = $1 and c.scheme_id = s.scheme_id and c.period = s.period and c.owner_id in (s.team_id, s.worker_id)`,
    [spendId],
  );
  await client.query("delete from spends where id = $1", [spendId]);
}

async function explain(client: pg.Client, statement: Captured, undoSpend?: string): Promise<string[]> {
  await client.query("begin");
  try {
    if (undoSpend) await undoLoggedSpend(client, undoSpend);
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${statement.text}`, statement.values);
    return rows.map((r) => r["QUERY PLAN"]);
  } finally {
    await client.query("rollback");
  }
}

export async function benchPlans(): Promise<BenchResult> {
  const world = await sharedWorld();
  return copyOfWorld(world, async (url) => {
    const handle = await openDatabase({ databaseUrl: url });
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: "silent", DATABASE_URL: url, JWT_SECRET: BENCH_JWT_SECRET, LOG_SEALING: "false" }), db: handle.db });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await fillTheLoop(client);
    await fillTheRest(client);
    const figures: Record<string, string> = {};
    try {
      const worker = world.workers[0] as Worker;
      const auth = { authorization: `Bearer ${worker.token}` };
      const post = () =>
        app.inject({ method: "POST", url: "/api/spends", headers: { ...auth, "content-type": "application/json", "idempotency-key": randomUUID() }, payload: spendBody(world, worker.clients[0] as string) });
      await post(); // warms what is done once (prepared statements, caches)
      const logged = await recordQueries(post);
      const spendId = (JSON.parse(logged.result.body) as { id: string }).id;
      const list = await recordQueries(() => app.inject({ method: "GET", url: "/api/spends", headers: auth }));
      const detail = await recordQueries(() => app.inject({ method: "GET", url: `/api/spends/${spendId}`, headers: auth }));
      const requests: Array<[string, Captured[]]> = [
        ["POST /api/spends", logged.statements],
        ["GET /api/spends", list.statements],
        ["GET /api/spends/:id", detail.statements],
      ];
      for (const [request, statements] of requests) {
        let n = 0;
        for (const statement of statements.filter((s) => !TRANSACTION_CONTROL.test(s.text))) {
          n += 1;
          const plan = await explain(client, statement, request === "POST /api/spends" ? spendId : undefined);
          const seqScans = plan.filter((line) => LARGE_TABLES.some((t) => new RegExp(`Seq Scan on ${t}\\b`).test(line)));
          const indexes = [...new Set(plan.flatMap((line) => /using (\w+)/.exec(line)?.[1] ?? []))];
          const time = plan.find((line) => line.startsWith("Execution Time"));
          figures[`${request} #${n} ${statement.name ?? "(unnamed)"}`] =
            `${time ?? ""}; indexes: ${indexes.join(", ") || "none"}; ${seqScans.length ? `SEQUENTIAL SCANS: ${seqScans.map((l) => l.trim()).join(" | ")}` : "no sequential scan of a large table"}`;
          if (process.env.BENCH_PLANS_FULL) console.log(`\n-- ${request} #${n} ${statement.name ?? ""}\n${plan.join("\n")}`);
        }
      }
    } finally {
      await client.end();
      await app.close();
      await handle.close();
    }
    return { name: `Query plans over ${world.history} earlier spends (EXPLAIN ANALYZE, BUFFERS; BENCH_PLANS_FULL=1 prints them whole)`, figures };
  });
}
