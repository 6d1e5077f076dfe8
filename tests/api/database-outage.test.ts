import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { admin, createFreshDatabase, withClient, type FreshDatabase } from "../support/database.ts";
import { spendBody } from "../support/factories.ts";
import { isAlive, startInstance, type Instance } from "../support/instance.ts";
import { startTestApp, TEST_PASSWORD } from "../support/test-app.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  key: string;
  status: number;
  id?: string;
  retryAfter?: string | null;
  type?: string | null;
}

describe("liveness and readiness", () => {
  it("/api/health and /api/ready answer 200 while the database answers, with no sign-in", async () => {
    const t = await startTestApp();
    try {
      const health = await t.http.get("/api/health");
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: "ok" });
      const ready = await t.http.get("/api/ready");
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: "ok" });
    } finally {
      await t.close();
    }
  });
});

describe.runIf(Boolean(process.env.DATABASE_URL))("the database goes away under load (PostgreSQL)", () => {
  let database: FreshDatabase | null = null;
  let instance: Instance | null = null;
  afterAll(async () => {
    if (instance && isAlive(instance)) instance.child.kill("SIGKILL");
    if (database) await admin((c) => c.query(`ALTER DATABASE "${database?.name}" WITH ALLOW_CONNECTIONS true`));
    await database?.drop();
  });

  it("the process stays up, answers 201/422/503 only, loses no acknowledged spend, and recovers with no restart", async () => {
    database = await createFreshDatabase({ template: inject("templateDatabase") });
    if (!database) throw new Error("needs DATABASE_URL");
    const name = database.name;
    instance = await startInstance(database.url, { LOG_LEVEL: "error" });
    const url = instance.url;
    const ids = await withClient(database.url, async (c) => ({
      scheme: (await c.query<{ id: string }>("select id from schemes order by created_at limit 1")).rows[0]?.id as string,
      clients: (await c.query<{ id: string }>("select c.id from clients c join users u on u.team_id = c.team_id where u.email = 'worker@council.test' order by c.reference")).rows.map((r) => r.id),
    }));
    const login = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "worker@council.test", password: TEST_PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };

    // The operator's side: a connection to another database on the same server.
    const operator = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await operator.connect();
    const terminate = async () =>
      (await operator.query<{ n: number }>("select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name])).rows[0]?.n ?? 0;

    // Eight clients of the API logging spends in a loop, each under a fresh idempotency key.
    let stopping = false;
    const answers: Answer[] = [];
    const load = Array.from({ length: 8 }, async (_, worker) => {
      for (let n = 0; !stopping; n += 1) {
        const key = randomUUID();
        const res = await fetch(`${url}/api/spends`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}`, "idempotency-key": key },
          body: JSON.stringify(spendBody({ schemeId: ids.scheme, clientId: ids.clients[(worker + n) % ids.clients.length] as string, amount: 1 })),
        }).catch(() => null);
        if (!res) {
          answers.push({ key, status: 0 });
          continue;
        }
        const body = (await res.json().catch(() => ({}))) as { id?: string };
        answers.push({ key, status: res.status, ...(res.status === 201 ? { id: body.id as string } : {}), retryAfter: res.headers.get("retry-after"), type: res.headers.get("content-type") });
        // While the database is away, do not spin: a phone's outbox backs off too.
        if (res.status === 503) await sleep(50);
      }
    });

    const readyStatus = async () => (await fetch(`${url}/api/ready`)).status;
    const readiness: number[] = [];
    const liveness: number[] = [];
    let killed = 0;
    for (let round = 0; round < 3; round++) {
      // Spends go through between the outages too.
      await sleep(2000);
      // Kill the app's connections mid-flight, twice in quick succession: reconnecting is allowed.
      killed += await terminate();
      await sleep(150);
      killed += await terminate();
      await sleep(400);
      // Then the database goes away for a while: connections are dropped and new ones refused.
      await operator.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
      killed += await terminate();
      const awayUntil = Date.now() + 5000;
      let status = await readyStatus();
      while (status !== 503 && Date.now() < awayUntil) {
        await sleep(50);
        status = await readyStatus();
      }
      readiness.push(status);
      // Liveness never asks the database: an orchestrator must not restart a process that is fine.
      liveness.push((await fetch(`${url}/api/health`)).status);
      await sleep(1000);
      await operator.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
      const backUntil = Date.now() + 15_000;
      status = await readyStatus();
      while (status !== 200 && Date.now() < backUntil) {
        await sleep(100);
        status = await readyStatus();
      }
      readiness.push(status);
    }
    await sleep(2000);
    stopping = true;
    await Promise.all(load);
    await operator.end();

    // The same process, never restarted, still answers, and takes spends again.
    expect(isAlive(instance)).toBe(true);
    expect(readiness).toEqual([503, 200, 503, 200, 503, 200]);
    expect(liveness).toEqual([200, 200, 200]);
    expect(killed).toBeGreaterThanOrEqual(6);
    const after = await fetch(`${url}/api/spends`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}`, "idempotency-key": randomUUID() },
      body: JSON.stringify(spendBody({ schemeId: ids.scheme, clientId: ids.clients[0] as string, amount: 1 })),
    });
    expect(after.status).toBe(201);

    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    expect([...byStatus.keys()].filter((s) => ![201, 422, 503].includes(s)), JSON.stringify([...byStatus])).toEqual([]);
    expect(byStatus.get(201) ?? 0, JSON.stringify([...byStatus])).toBeGreaterThan(20);
    expect(byStatus.get(503) ?? 0).toBeGreaterThan(0);
    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.every((a) => a.retryAfter !== null && Number(a.retryAfter) > 0 && a.type?.startsWith("application/problem+json"))).toBe(true);

    // Every acknowledged spend is stored with its event; no refused one left a row.
    const created = answers.filter((a) => a.status === 201).map((a) => a.id as string);
    const stored = await withClient(database.url, async (c) => ({
      spends: new Set((await c.query<{ id: string }>("select id from spends where id = any($1::uuid[])", [created])).rows.map((r) => r.id)),
      events: new Set((await c.query<{ id: string }>("select subject_id as id from events where type = 'spend.logged' and subject_id = any($1::text[])", [created])).rows.map((r) => r.id)),
      refusedKeys: (await c.query<{ key: string }>("select key from idempotency_keys where key = any($1::text[])", [unavailable.map((a) => a.key)])).rows.map((r) => r.key),
    }));
    expect(created.filter((id) => !stored.spends.has(id))).toEqual([]);
    expect(created.filter((id) => !stored.events.has(id))).toEqual([]);
    expect(stored.refusedKeys).toEqual([]);
    console.log(`database outage: ${answers.length} requests (${JSON.stringify(Object.fromEntries(byStatus))}), ${killed} connections terminated, ready ${readiness.join(" ")}`);
  });
});
