import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { appendEvent } from "@greentape/db/event-log";
import { createFreshDatabase, type FreshDatabase } from "../support/database.ts";
import { scalar, spendBody } from "../support/factories.ts";
import { isAlive, startInstance, type Instance } from "../support/instance.ts";
import { waitForAllSealed } from "../support/log.ts";
import { startTestApp, TEST_PASSWORD } from "../support/test-app.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(Boolean(process.env.DATABASE_URL))("the sequencer's own connection", () => {
  it("is reopened when the database drops it, and sealing carries on", async () => {
    const t = await startTestApp();
    try {
      await waitForAllSealed(t);
      // The database ends the sequencer's session, as a restart or a failover would.
      const ended = await scalar<number>(
        t,
        sql`select count(pg_terminate_backend(pid))::int as value from pg_stat_activity where datname = current_database() and application_name = ${`greentape-sequencer/${process.pid}`}`,
      );
      expect(ended).toBe(1);
      await t.database.db.transaction((tx) => appendEvent(tx, { type: "comment.added", actorId: null, subjectType: "test", subjectId: "1", data: {} }));
      await waitForAllSealed(t, 10_000);
      expect((await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${await t.tokenFor("auditor")}`)).body).toMatchObject({ ok: true });
    } finally {
      await t.close();
    }
  });
});

describe.runIf(Boolean(process.env.DATABASE_URL))("two app instances on one database, under load", () => {
  let database: FreshDatabase | null = null;
  const instances: Instance[] = [];
  let admin: pg.Client | null = null;
  afterAll(async () => {
    for (const i of instances) if (i.child.exitCode === null) i.child.kill("SIGKILL");
    await admin?.end();
    await database?.drop();
  });

  it("exactly one seals; kill -9 it and the other takes over within 5 s; every committed event is sealed once", async () => {
    database = await createFreshDatabase({ template: inject("templateDatabase") });
    if (!database) throw new Error("needs DATABASE_URL");
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const query = async <T>(text: string) => (await (admin as pg.Client).query(text)).rows as T[];
    /** The process ids whose sequencer connection holds a granted advisory lock on this database right now (other test files run their own). */
    const holders = async () =>
      (
        await query<{ name: string }>(
          "select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid where a.datname = current_database() and l.locktype = 'advisory' and l.granted and a.application_name like 'greentape-sequencer/%'",
        )
      ).map((r) => Number(r.name.split("/")[1]));

    const a = await startInstance(database.url);
    instances.push(a);
    const b = await startInstance(database.url);
    instances.push(b);

    const login = await fetch(`${a.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "worker@council.test", password: TEST_PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const [scheme] = await query<{ id: string }>("select id from schemes order by created_at limit 1");
    const clients = await query<{ id: string }>("select c.id from clients c join users u on u.team_id = c.team_id where u.email = 'worker@council.test' order by c.reference");

    // Load: eight clients of the API in a loop against both instances, until told to stop.
    let stopping = false;
    const accepted: string[] = [];
    const failures: string[] = [];
    const alive = () => instances.filter(isAlive);
    const load = Array.from({ length: 8 }, async (_, worker) => {
      for (let n = 0; !stopping; n += 1) {
        const targets = alive();
        const target = targets[(worker + n) % targets.length] as Instance;
        const res = await fetch(`${target.url}/api/spends`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}`, "idempotency-key": randomUUID() },
          body: JSON.stringify(spendBody({ schemeId: scheme?.id as string, clientId: clients[n % clients.length]?.id as string, amount: 1 })),
        }).catch(() => null);
        if (res?.status === 201) accepted.push(((await res.json()) as { id: string }).id);
        else if (res) failures.push(`${res.status} ${(await res.text()).slice(0, 200)}`);
      }
    });

    // Exactly one holds the lock at every look, before and after the kill.
    const seen: number[][] = [];
    const watch = (async () => {
      while (!stopping) {
        seen.push(await holders());
        await sleep(50);
      }
    })();

    await sleep(2000);
    const [leader] = await holders();
    expect([a.pid, b.pid]).toContain(leader);
    const victim = leader === a.pid ? a : b;
    const survivor = victim === a ? b : a;
    const killedAt = Date.now();
    victim.child.kill("SIGKILL");
    let tookOverAfter = Number.POSITIVE_INFINITY;
    while (Date.now() - killedAt < 10_000) {
      if ((await holders()).includes(survivor.pid)) {
        tookOverAfter = Date.now() - killedAt;
        break;
      }
      await sleep(50);
    }
    expect(tookOverAfter).toBeLessThan(5000);
    await sleep(2000);
    stopping = true;
    await Promise.all([...load, watch]);

    expect(seen.length).toBeGreaterThan(20);
    expect(seen.every((h) => h.length <= 1)).toBe(true);
    expect(accepted.length, failures.slice(0, 3).join("\n")).toBeGreaterThan(20);

    // Every committed event gets sealed, each at exactly one index, 0..n-1 without a gap.
    const until = Date.now() + 5000;
    let unsealed = -1;
    while (Date.now() < until) {
      [{ n: unsealed } = { n: -1 }] = await query<{ n: number }>("select count(*)::int as n from events e where not exists (select 1 from log_leaves l where l.event_id = e.id)");
      if (unsealed === 0) break;
      await sleep(100);
    }
    expect(unsealed).toBe(0);
    const [tree] = await query<{ events: number; leaves: number; indexes: number; top: number; sealed: number }>(
      "select (select count(*)::int from events) as events, count(*)::int as leaves, count(distinct log_index)::int as indexes, max(log_index)::int as top, (select max(tree_size)::int from log_checkpoints) as sealed from log_leaves",
    );
    expect(tree?.leaves).toBe(tree?.events);
    expect(tree?.indexes).toBe(tree?.leaves);
    expect(tree?.top).toBe((tree?.leaves ?? 0) - 1);
    expect(tree?.sealed).toBe(tree?.leaves);
    // Each spend the API accepted is in the tree.
    const sealedSpends = await query<{ id: string }>("select e.subject_id as id from events e join log_leaves l on l.event_id = e.id where e.type = 'spend.logged'");
    const sealedIds = new Set(sealedSpends.map((r) => r.id));
    expect(accepted.filter((id) => !sealedIds.has(id))).toEqual([]);

    // And the survivor's verifier, rebuilding the tree from every event, agrees with every checkpoint.
    const auditorLogin = await fetch(`${survivor.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "auditor@council.test", password: TEST_PASSWORD }) });
    const auditor = ((await auditorLogin.json()) as { accessToken: string }).accessToken;
    const verdict = (await (await fetch(`${survivor.url}/api/audit/events/verify`, { headers: { authorization: `Bearer ${auditor}` } })).json()) as { ok: boolean };
    expect(verdict).toMatchObject({ ok: true });
    console.log(`sequencer failover: took over ${tookOverAfter} ms after kill -9; ${accepted.length} spends accepted; ${tree?.leaves} entries sealed`);
  });
});
