import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvent, verifyEventChain } from "@greentape/db/event-log";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { expectProblem } from "../support/problem.ts";

const run = promisify(execFile);

async function rows<T>(t: TestApp, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe("event log", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // A few more events so the tampered row sits mid-chain.
    for (const email of ["worker@demo.test", "auditor@demo.test", "admin@demo.test"]) await t.tokenFor(email);
  });
  afterAll(() => t.close());

  it("verifies through the API for auditor and admin, and refuses other roles", async () => {
    for (const account of ["auditor", "admin"] as const) {
      const res = await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${await t.tokenFor(account)}`);
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(true);
      expect(res.body.checked).toBeGreaterThan(8);
      expect(res.body.headHash).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const account of ["worker", "supervisor", "finance"] as const) {
      const res = await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${await t.tokenFor(account)}`);
      expectProblem(res, 403);
    }
  });

  it("refuses UPDATE, DELETE and TRUNCATE through the app's own connection", async () => {
    const refusal = (query: ReturnType<typeof sql>) =>
      t.database.db.execute(query).then(
        () => "allowed",
        (error: Error & { cause?: Error }) => (error.cause ?? error).message,
      );
    expect(await refusal(sql`update events set type = 'x' where id = (select min(id) from events)`)).toMatch(/append-only: UPDATE/);
    expect(await refusal(sql`delete from events`)).toMatch(/append-only: DELETE/);
    expect(await refusal(sql`truncate events`)).toMatch(/append-only: TRUNCATE/);
    expect((await verifyEventChain(t.database.db)).ok).toBe(true);
  });

  it("the app's database role may read and append the log, never change it or switch its guard off", async () => {
    // As the role production runs as (greentape_app), in a transaction undone whatever happens.
    const undo = new Error("undo");
    const asAppRole = (query: ReturnType<typeof sql>) =>
      t.database.db
        .transaction(async (tx) => {
          await tx.execute(sql`set local role greentape_app`);
          await tx.execute(query);
          throw undo;
        })
        .then(
          () => "unreachable",
          (error: Error & { cause?: Error }) => (error === undo ? "allowed" : (error.cause ?? error).message),
        );
    expect(await asAppRole(sql`select count(*) from events`)).toBe("allowed");
    expect(await asAppRole(sql`update users set name = name`)).toBe("allowed");
    for (const table of ["events", "closed_period_rows"]) {
      const name = sql.identifier(table);
      expect(await asAppRole(sql`delete from ${name}`)).toMatch(/permission denied/);
      expect(await asAppRole(sql`truncate ${name}`)).toMatch(/permission denied/);
      expect(await asAppRole(sql`alter table ${name} disable trigger all`)).toMatch(/must be owner/);
    }
    expect(await asAppRole(sql`update events set type = 'x'`)).toMatch(/permission denied/);
    expect(await asAppRole(sql`update closed_period_rows set amount = 0`)).toMatch(/permission denied/);
  });

  it("appends concurrently without forking the chain", async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.database.db.transaction((tx) => appendEvent(tx, { type: "test.concurrent", actorId: null, subjectType: "test", subjectId: String(i), data: { i } })),
      ),
    );
    const verdict = await verifyEventChain(t.database.db);
    expect(verdict.ok).toBe(true);
  });

  it("names exactly the tampered row: in the API, in the verifier, and in npm run verify-events", async () => {
    const auditor = await t.tokenFor("auditor");
    const before = await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${auditor}`);
    const ids = (await rows<{ id: string }>(t, sql`select id::text from events order by id`)).map((r) => Number(r.id));
    const target = ids[Math.floor(ids.length / 2)] as number;

    // What a superuser could do: switch the triggers off for this session and rewrite a row.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update events set data = jsonb_set(data, '{tampered}', 'true') where id = ${target}`);
    });

    const res = await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${auditor}`);
    expect(res.body).toMatchObject({ ok: false, firstBrokenId: target });

    // A published head catches a wholesale rewrite too: the old head no longer matches.
    const withHead = await t.http
      .get(`/api/audit/events/verify?expectHeadId=${before.body.headId}&expectHeadHash=${before.body.headHash}`)
      .set("Authorization", `Bearer ${auditor}`);
    expect(withHead.body.ok).toBe(false);

    if (t.kind === "postgres") {
      const cli = await run("npm", ["run", "--silent", "verify-events"], { env: { ...process.env, DATABASE_URL: t.config.databaseUrl } }).then(
        () => ({ code: 0, stdout: "" }),
        (error: { code: number; stdout: string }) => error,
      );
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`BROKEN at row ${target}`);
    }
  });
});
