import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@greentape/domain/dates";
import { createClient, createScheme, postSpend, spendBody } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestApp } from "../support/test-app.ts";

const DAY = 86_400_000;

/** Issue 8: an overdue justification past grace pauses new spends; catching up or a snooze lifts it. */
describe("the pause", () => {
  const clock = new TestClock(new Date("2026-11-02T10:00:00Z"));
  let t: TestApp;
  let schemeId: string;
  let clientId: string;
  let workerId: string;
  const tokens: Record<string, string> = {};
  const token = async (account: "worker" | "supervisor" | "supervisor2" | "worker2") => (tokens[account] ??= await t.tokenFor(account));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    schemeId = (await createScheme(t, { justificationDueDays: 3, graceDays: 2, perClientCap: null, perWorkerMonthlyCap: null, teamMonthlyBudget: null })).id;
    clientId = await createClient(t, await token("worker"));
    workerId = (await t.http.get("/api/me").set("Authorization", `Bearer ${await token("worker")}`)).body.id;
  });
  afterAll(() => t.close());

  const today = () => clock.now().toISOString().slice(0, 10);
  const spend = async () => postSpend(t, await token("worker"), spendBody({ schemeId, clientId, amount: 500, spentOn: today() }));
  const pause = async () => (await t.http.get("/api/me/pause").set("Authorization", `Bearer ${await token("worker")}`)).body;
  const teamPauses = async (account: "supervisor" | "supervisor2" | "worker") => t.http.get("/api/pauses").set("Authorization", `Bearer ${await token(account)}`);

  it("pauses only once a justification is overdue past the grace days, naming the overdue spends", async () => {
    const first = await spend();
    expect(first.status).toBe(201);
    expect(first.body.justificationDueOn).toBe(addDays(today(), 3));
    // Due in 3 days, grace 2: still allowed on day 5 (due + 2), paused from day 6.
    clock.advance(5 * DAY);
    expect((await spend()).status).toBe(201);
    expect((await teamPauses("supervisor")).body.items).toEqual([]);
    clock.advance(1 * DAY);
    const paused = await spend();
    expectProblem(paused, 422, { typeEndsWith: "allowance-paused" });
    expect(paused.body.overdueSpends.map((s: { id: string }) => s.id)).toEqual([first.body.id]);
    expect((await pause()).paused).toBe(true);

    // The supervisor sees it in one list; another team's supervisor does not; a worker may not ask.
    const listed = await teamPauses("supervisor");
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ worker: { id: workerId }, paused: true, snoozedUntil: null, snoozesInARow: 0 });
    expect(listed.body.items[0].overdueSpends.map((s: { id: string }) => s.id)).toEqual([first.body.id]);
    expect((await teamPauses("supervisor2")).body.items).toEqual([]);
    expectProblem(await teamPauses("worker"), 403);
  });

  it("a snooze by the worker's supervisor lifts it for its days; a third in a row is refused", async () => {
    const snooze = async (account: "supervisor" | "supervisor2" | "worker2", days = 1) =>
      t.http.post(`/api/users/${workerId}/snooze`).set("Authorization", `Bearer ${await token(account as "supervisor")}`).send({ days, reason: "Back from leave this week" });
    expectProblem(await snooze("supervisor2"), 403);
    expectProblem(await snooze("worker2"), 403);
    const first = await snooze("supervisor");
    expect(first.status).toBe(201);
    expect(first.body.untilOn).toBe(addDays(today(), 1));
    expect((await spend()).status).toBe(201);
    // Still on the list while the snooze holds, so the supervisor knows the debt is still owed.
    expect((await teamPauses("supervisor")).body.items).toMatchObject([{ worker: { id: workerId }, paused: false, snoozedUntil: addDays(today(), 1), snoozesInARow: 1 }]);
    clock.advance(2 * DAY);
    expectProblem(await spend(), 422, { typeEndsWith: "allowance-paused" });
    expect((await snooze("supervisor")).status).toBe(201);
    clock.advance(2 * DAY);
    expectProblem(await snooze("supervisor"), 422, { typeEndsWith: "snooze-limit" });
    const verify = await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${await t.tokenFor("auditor")}`);
    expect(verify.body.ok).toBe(true);
  });

  it("lifts at once when the worker submits the overdue justification", async () => {
    const { overdueSpends } = await pause();
    expect(overdueSpends.length).toBeGreaterThan(0);
    for (const s of overdueSpends as { id: string }[]) {
      const justified = await t.http
        .put(`/api/spends/${s.id}/justification`)
        .set("Authorization", `Bearer ${await token("worker")}`)
        .send({ narrative: "Bus fare so she could get to her first day at the new job; she had no other way there.", intendedOutcome: "Starts work" });
      expect(justified.status).toBe(200);
    }
    expect((await pause()).paused).toBe(false);
    expect((await spend()).status).toBe(201);
  });
});
