import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, createScheme, postSpend, scalar, spendBody } from "../support/factories.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/**
 * Invariant 1: no cap is ever exceeded, even when many requests arrive together. Each case fires
 * 40 requests at once at a cap that fits 12, over real HTTP against the real database.
 */
describe("caps hold under concurrency", () => {
  let t: TestApp;
  let worker: string;
  let worker2: string;
  let supervisor: string;
  beforeAll(async () => {
    t = await startTestApp();
    [worker, worker2, supervisor] = await Promise.all([t.tokenFor("worker"), t.tokenFor("worker2"), t.tokenFor("supervisor")]);
  });
  afterAll(() => t.close());

  const uncapped = { perSpendCap: null, perClientCap: null, perWorkerMonthlyCap: null, teamMonthlyBudget: null };

  async function fire(requests: (() => ReturnType<typeof postSpend>)[]) {
    const answers = await Promise.all(requests.map((r) => r()));
    const created = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 422);
    expect(created.length + refused.length, answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`).join("\n")).toBe(answers.length);
    return { created, refused };
  }

  async function storedTotal(schemeId: string) {
    return Number(await scalar<string>(t, sql`select coalesce(sum(amount), 0)::text as value from spends where scheme_id = ${schemeId} and voided_at is null`));
  }

  it("per-client cap: 40 concurrent £10 spends under £120 give exactly 12", async () => {
    const scheme = await createScheme(t, { ...uncapped, perClientCap: 12_000 });
    const clientId = await createClient(t, worker);
    const { created, refused } = await fire(Array.from({ length: 40 }, () => () => postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId, amount: 1_000 }))));
    expect(created).toHaveLength(12);
    expect(refused).toHaveLength(28);
    for (const r of refused) {
      expect(r.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(r.body).toMatchObject({ cap: "perClient", limit: 12_000, remaining: 0 });
      expect(r.body.type).toMatch(/\/cap-exceeded$/);
    }
    expect(await storedTotal(scheme.id)).toBe(12_000);
  });

  it("per-client cap holds across two workers of a team", async () => {
    const scheme = await createScheme(t, { ...uncapped, perClientCap: 12_000 });
    const clientId = await createClient(t, worker);
    const { created, refused } = await fire(
      Array.from({ length: 40 }, (_, i) => () => postSpend(t, i % 2 ? worker : worker2, spendBody({ schemeId: scheme.id, clientId, amount: 1_000 }))),
    );
    expect(created).toHaveLength(12);
    expect(refused.every((r) => r.body.cap === "perClient")).toBe(true);
    expect(await storedTotal(scheme.id)).toBe(12_000);
  });

  it("per-worker monthly cap: 40 concurrent spends across clients give exactly 12", async () => {
    const scheme = await createScheme(t, { ...uncapped, perWorkerMonthlyCap: 12_000 });
    const clients = await Promise.all(Array.from({ length: 8 }, () => createClient(t, worker)));
    const { created, refused } = await fire(
      Array.from({ length: 40 }, (_, i) => () => postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId: clients[i % 8] as string, amount: 1_000 }))),
    );
    expect(created).toHaveLength(12);
    expect(refused.every((r) => r.body.cap === "perWorkerMonthly" && r.body.limit === 12_000)).toBe(true);
    expect(await storedTotal(scheme.id)).toBe(12_000);
  });

  it("team monthly budget: 40 concurrent spends by three team members give exactly 12", async () => {
    const scheme = await createScheme(t, { ...uncapped, teamMonthlyBudget: 12_000 });
    const clients = await Promise.all(Array.from({ length: 8 }, () => createClient(t, worker)));
    const people = [worker, worker2, supervisor];
    const { created, refused } = await fire(
      Array.from({ length: 40 }, (_, i) => () => postSpend(t, people[i % 3] as string, spendBody({ schemeId: scheme.id, clientId: clients[i % 8] as string, amount: 1_000 }))),
    );
    expect(created).toHaveLength(12);
    expect(refused.every((r) => r.body.cap === "teamMonthly")).toBe(true);
    expect(await storedTotal(scheme.id)).toBe(12_000);
  });

  it("per-spend cap refuses at once and points to the normal approval route", async () => {
    const scheme = await createScheme(t, { ...uncapped, perSpendCap: 5_000 });
    const clientId = await createClient(t, worker);
    const ok = await postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId, amount: 5_000 }));
    expect(ok.status).toBe(201);
    const over = await postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId, amount: 5_001 }));
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ cap: "perSpend", limit: 5_000 });
    expect(over.body.detail).toMatch(/normal approval route/);
  });

  it("a voided spend stops counting, and the allowance shows what remains", async () => {
    const scheme = await createScheme(t, { ...uncapped, perClientCap: 3_000, perWorkerMonthlyCap: 50_000 });
    const clientId = await createClient(t, worker);
    const first = await postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId, amount: 2_000 }));
    expect(first.status).toBe(201);
    const allowance = await t.http.get(`/api/allowance?schemeId=${scheme.id}&clientId=${clientId}`).set("Authorization", `Bearer ${worker}`);
    expect(allowance.status).toBe(200);
    expect(allowance.body.caps.perClient).toEqual({ limit: 3_000, used: 2_000, remaining: 1_000 });
    expect(allowance.body.caps.perWorkerMonthly).toEqual({ limit: 50_000, used: 2_000, remaining: 48_000 });
    expect(allowance.body.maxSpend).toBe(1_000);

    expect((await postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId, amount: 2_000 }))).body.cap).toBe("perClient");
    const voided = await t.http.post(`/api/spends/${first.body.id}/void`).set("Authorization", `Bearer ${worker}`).send({ reason: "Entered twice by mistake" });
    expect(voided.status).toBe(200);
    expect(voided.body.voided).toBe(true);
    expect((await postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId, amount: 2_000 }))).status).toBe(201);
    const after = await t.http.get(`/api/allowance?schemeId=${scheme.id}&clientId=${clientId}`).set("Authorization", `Bearer ${worker}`);
    expect(after.body.caps.perWorkerMonthly.used).toBe(2_000);
  });
});
