import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, councilIds, postSpend, spendBody, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestAccount, type TestApp } from "../support/test-app.ts";

describe("the client's page and the track record (issue 8)", () => {
  const clock = new TestClock(new Date("2026-11-10T09:00:00Z"));
  let t: TestApp;
  let ids: CouncilIds;
  let clientId: string;
  const tokens = {} as Record<TestAccount, string>;
  beforeAll(async () => {
    t = await startTestApp({ clock });
    ids = await councilIds(t);
    for (const a of ["worker", "worker2", "worker3", "supervisor", "supervisor2", "auditor", "finance", "admin"] as TestAccount[]) tokens[a] = await t.tokenFor(a);
    clientId = await createClient(t, tokens.worker);
    for (const [account, amount] of [["worker", 1_000], ["worker2", 2_000], ["worker", 500]] as const) {
      expect((await postSpend(t, tokens[account], spendBody({ schemeId: ids.schemeId, clientId, amount, spentOn: "2026-11-09", payee: `Shop ${amount}` }))).status).toBe(201);
    }
  });
  afterAll(() => t.close());

  const history = (account: TestAccount) => t.http.get(`/api/clients/${clientId}/history`).set("Authorization", `Bearer ${tokens[account]}`);

  it("lists every spend for the client across workers, for the team's supervisor, auditors and admin", async () => {
    for (const account of ["supervisor", "auditor", "admin"] as TestAccount[]) {
      const res = await history(account);
      expect(res.status).toBe(200);
      expect(res.body.summary).toMatchObject({ count: 3, amount: 3_500 });
      expect(res.body.summary.byWorker.map((w: { count: number }) => w.count).sort()).toEqual([1, 2]);
      expect(res.body.spends).toHaveLength(3);
    }
  });

  it("is closed to another team's supervisor, workers and finance", async () => {
    expectProblem(await history("supervisor2"), 404);
    for (const account of ["worker", "worker3", "finance"] as TestAccount[]) expectProblem(await history(account), 403);
  });

  it("shows a worker their on-time rate, and their supervisor too, but not colleagues", async () => {
    const own = await t.http.get("/api/track-record").set("Authorization", `Bearer ${tokens.worker}`);
    expect(own.status).toBe(200);
    // Nothing is due yet: no rate, rather than a misleading 0% or 100%.
    expect(own.body.justifications).toEqual({ judged: 0, onTime: 0, late: 0, rate: null });

    clock.advance(30 * 86_400_000);
    const later = await t.http.get(`/api/track-record?workerId=${ids.users.worker?.id}`).set("Authorization", `Bearer ${tokens.supervisor}`);
    expect(later.status).toBe(200);
    expect(later.body.justifications).toEqual({ judged: 2, onTime: 0, late: 2, rate: 0 });

    expectProblem(await t.http.get(`/api/track-record?workerId=${ids.users.worker?.id}`).set("Authorization", `Bearer ${tokens.worker2}`), 403);
    expectProblem(await t.http.get(`/api/track-record?workerId=${ids.users.worker?.id}`).set("Authorization", `Bearer ${tokens.supervisor2}`), 403);
  });
});
