import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, scalar, spendBody } from "../support/factories.ts";
import { startTestApp, TestClock, type TestApp } from "../support/test-app.ts";

interface TodoItem {
  need: string;
  dueOn: string;
  overdue: boolean;
  spend: { id: string };
}
interface Notice {
  kind: string;
  spendId: string | null;
  readAt: string | null;
}

/**
 * Deadlines with the clock moved, never slept: the 48-hour warning, overdue in the worker's and the
 * supervisor's lists, and a query giving the worker time to answer. London is on GMT in January,
 * so local midnight is 00:00Z.
 */
describe("deadlines after the spend", () => {
  const clock = new TestClock(new Date("2026-01-10T10:00:00Z"));
  let t: TestApp;
  let worker: string;
  let supervisor: string;
  let spendId: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [worker, supervisor] = await Promise.all([t.tokenFor("worker"), t.tokenFor("supervisor")]);
    const ids = await councilIds(t);
    // The test council's scheme gives 7 days to justify and 28 to follow up.
    const res = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[3] as string, amount: 1_500, spentOn: "2026-01-09" }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ justificationDueOn: "2026-01-17", followUpDueOn: "2026-02-06" });
    spendId = res.body.id;
  });
  afterAll(() => t.close());

  async function todo(): Promise<TodoItem[]> {
    const res = await t.http.get("/api/worklists/todo").set(as(worker));
    expect(res.status).toBe(200);
    // The tracks' deadlines; a receipt has none of its own (tests/api/team-oversight.test.ts).
    return (res.body.items as TodoItem[]).filter((i) => i.spend.id === spendId && i.need !== "add_receipt");
  }
  async function warnings(): Promise<Notice[]> {
    const res = await t.http.get("/api/notifications").set(as(worker));
    expect(res.status).toBe(200);
    return (res.body.items as Notice[]).filter((n) => n.kind === "justification.due_soon" && n.spendId === spendId);
  }
  const storedWarnings = () => scalar<number>(t, sql`select count(*)::int as value from notifications where kind = 'justification.due_soon' and spend_id = ${spendId}`);

  it("the new spend is on the worker's to-do list, nothing overdue", async () => {
    expect((await todo()).map((i) => [i.need, i.dueOn, i.overdue])).toEqual([
      ["justify", "2026-01-17", false],
      ["follow_up", "2026-02-06", false],
    ]);
    expect(await warnings()).toEqual([]);
  });

  it("no warning a moment before 48 hours before the deadline (the end of 17 January)", async () => {
    clock.set("2026-01-15T23:59:59.999Z");
    expect(await warnings()).toEqual([]);
    await todo();
    expect(await storedWarnings()).toBe(0);
  });

  it("the warning appears exactly at 48 hours before, once, however often and however concurrently it is read", async () => {
    clock.set("2026-01-16T00:00:00.000Z");
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? t.http.get("/api/notifications").set(as(worker)) : t.http.get("/api/worklists/todo").set(as(worker)))));
    const raised = await warnings();
    expect(raised).toHaveLength(1);
    expect(raised[0]?.readAt).toBeNull();
    expect(await storedWarnings()).toBe(1);

    const read = await t.http.post("/api/notifications/read-all").set(as(worker));
    expect(read.status).toBe(200);
    expect(read.body.marked).toBeGreaterThanOrEqual(1);
    clock.advance(20 * 3_600_000);
    const again = await warnings();
    expect(again).toHaveLength(1);
    expect(again[0]?.readAt).not.toBeNull();
    expect(await storedWarnings()).toBe(1);
  });

  it("only the worker is warned: the supervisor gets no warning about it", async () => {
    const res = await t.http.get("/api/notifications").set(as(supervisor));
    expect(res.body.items.filter((n: Notice) => n.spendId === spendId)).toEqual([]);
  });

  it("past the due date the justification shows overdue in the worker's to-do and the supervisor's lists", async () => {
    clock.set("2026-01-17T23:59:59.000Z");
    expect((await todo()).find((i) => i.need === "justify")?.overdue).toBe(false);

    clock.set("2026-01-18T00:00:00.000Z");
    expect((await todo()).map((i) => [i.need, i.overdue])).toEqual([
      ["justify", true],
      ["follow_up", false],
    ]);
    const summary = await t.http.get("/api/worklists/team-summary").set(as(supervisor));
    expect(summary.status).toBe(200);
    expect(summary.body.today).toBe("2026-01-18");
    expect(summary.body.overdue.justifications).toBe(1);
    expect(summary.body.overdue.followUps).toBe(0);
    expect(summary.body.overdue.items.map((i: TodoItem & { worker: { name: string } }) => [i.spend.id, i.need, i.dueOn, i.worker.name])).toEqual([[spendId, "justify", "2026-01-17", "Wren Walker"]]);
    const list = await t.http.get("/api/spends?status=due").set(as(supervisor));
    expect(list.body.items.find((s: { id: string }) => s.id === spendId)).toMatchObject({ justificationOverdue: true });
    expect(await storedWarnings()).toBe(1);
  });

  it("a submitted justification is not overdue: it waits on the supervisor", async () => {
    const res = await t.http.put(`/api/spends/${spendId}/justification`).set(as(worker)).send({ narrative: "Late, sorry: a school uniform for the client's son, who had been sent home for the wrong jumper.", intendedOutcome: "Back at school" });
    expect(res.body).toMatchObject({ justificationStatus: "submitted", justificationOverdue: false });
    expect((await todo()).map((i) => i.need)).toEqual(["follow_up"]);
    expect((await t.http.get("/api/worklists/team-summary").set(as(supervisor))).body.overdue.justifications).toBe(0);
  });

  it("a query gives the worker the scheme's days to answer from today, and a fresh warning for that deadline", async () => {
    const res = await t.http.post(`/api/spends/${spendId}/reviews`).set(as(supervisor)).send({ decision: "query", comment: "Which school?" });
    expect(res.body).toMatchObject({ justificationStatus: "queried", justificationDueOn: "2026-01-25" });
    expect((await todo()).map((i) => [i.need, i.dueOn, i.overdue])).toEqual([
      ["answer_query", "2026-01-25", false],
      ["follow_up", "2026-02-06", false],
    ]);
    clock.set("2026-01-24T00:00:00.000Z");
    expect(await warnings()).toHaveLength(2);
    expect(await warnings()).toHaveLength(2);
  });

  it("a follow-up past its due date shows overdue to both, and recording it clears it", async () => {
    clock.set("2026-02-07T09:00:00.000Z");
    expect((await todo()).find((i) => i.need === "follow_up")?.overdue).toBe(true);
    const summary = await t.http.get("/api/worklists/team-summary?period=2026-01").set(as(supervisor));
    expect(summary.body.overdue.followUps).toBe(1);
    expect((await t.http.put(`/api/spends/${spendId}/follow-up`).set(as(worker)).send({ contactedOn: "2026-02-07", method: "visit", outcome: "could_not_contact" })).status).toBe(200);
    expect((await todo()).map((i) => i.need)).toEqual(["answer_query"]);
    const after = await t.http.get("/api/worklists/team-summary?period=2026-01").set(as(supervisor));
    expect(after.body.overdue.followUps).toBe(0);
    expect(after.body.outcomes).toMatchObject({ could_not_contact: 1, helped_a_lot: 0 });
  });
});
