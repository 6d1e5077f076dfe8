import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, scalar, spendBody, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("Idempotency-Key (invariant 2)", () => {
  let t: TestApp;
  let ids: CouncilIds;
  let worker: string;
  beforeAll(async () => {
    t = await startTestApp();
    ids = await councilIds(t);
    worker = await t.tokenFor("worker");
  });
  afterAll(() => t.close());

  const countSpends = () => scalar<number>(t, sql`select count(*)::int as value from spends`);

  it("twenty concurrent retries with one key make one spend and all get it back", async () => {
    const before = await countSpends();
    const key = randomUUID();
    const body = spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, amount: 1_234 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => postSpend(t, worker, body, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers["idempotent-replayed"] === "true")).toHaveLength(19);
    expect(await countSpends()).toBe(before + 1);
    expect(await scalar<number>(t, sql`select count(*)::int as value from events where type = 'spend.logged' and subject_id = ${answers[0]?.body.id}`)).toBe(1);
  });

  it("the same key with a different body gets 409 and writes nothing", async () => {
    const key = randomUUID();
    const body = spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, amount: 500 });
    expect((await postSpend(t, worker, body, key)).status).toBe(201);
    const before = await countSpends();
    const res = await postSpend(t, worker, { ...body, amount: 501 }, key);
    expectProblem(res, 409, { typeEndsWith: "idempotency-key-reused" });
    expect(await countSpends()).toBe(before);
  });

  it("keys belong to a user: another worker may use the same key for their own spend", async () => {
    const key = randomUUID();
    const worker2 = await t.tokenFor("worker2");
    const a = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[1] as string }), key);
    const b = await postSpend(t, worker2, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[1] as string }), key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it("a request refused by a cap claims nothing: a retry after the cap frees up can succeed", async () => {
    const key = randomUUID();
    const body = spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[2] as string, amount: 7_501 });
    expect((await postSpend(t, worker, body, key)).status).toBe(422);
    expect(await scalar<number>(t, sql`select count(*)::int as value from idempotency_keys where key = ${key}`)).toBe(0);
  });

  it("a missing or overlong key is refused naming the header", async () => {
    const body = spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string });
    const missing = await t.http.post("/api/spends").set("Authorization", `Bearer ${worker}`).send(body);
    expectProblem(missing, 400, { field: "idempotency-key" });
    expectProblem(await postSpend(t, worker, body, "k".repeat(256)), 400, { field: "idempotency-key" });
  });
});
