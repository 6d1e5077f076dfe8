import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, spendBody } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/**
 * The whole round after the spend, through the API: log, justify, query, revise, endorse, follow up;
 * then the auditor reads every step back from the spend's page and timeline, and the chain verifies.
 */
describe("the round after the spend", () => {
  let t: TestApp;
  let worker: string;
  let supervisor: string;
  let auditor: string;
  let spendId: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const first = { narrative: "Bus fare so Jo could get to the job centre interview she had been preparing for all month.", intendedOutcome: "Jo attends the interview" };
  const second = { narrative: "Return bus fare on the 56 route; Jo had no money left on her card and the interview was at 9am.", intendedOutcome: "Jo attends and gets the job" };
  const clientWords = "It meant I got there on time and I got the job. I would not have gone otherwise.";

  beforeAll(async () => {
    t = await startTestApp();
    [worker, supervisor, auditor] = await Promise.all([t.tokenFor("worker"), t.tokenFor("supervisor"), t.tokenFor("auditor")]);
    const ids = await councilIds(t);
    const res = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, amount: 640 }));
    expect(res.status).toBe(201);
    spendId = res.body.id;
  });
  afterAll(() => t.close());

  async function notificationsOf(token: string) {
    const res = await t.http.get("/api/notifications").set(as(token));
    expect(res.status).toBe(200);
    return res.body as { items: { kind: string; spendId: string; message: string; readAt: string | null }[]; unreadCount: number };
  }

  it("the worker justifies; the supervisor hears of it", async () => {
    const res = await t.http.put(`/api/spends/${spendId}/justification`).set(as(worker)).send(first);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: spendId, justificationStatus: "submitted", justification: { revision: 1, narrative: first.narrative, intendedOutcome: first.intendedOutcome } });
    const inbox = await notificationsOf(supervisor);
    expect(inbox.items.filter((n) => n.spendId === spendId).map((n) => n.kind)).toEqual(["justification.submitted"]);
    expect(inbox.unreadCount).toBeGreaterThanOrEqual(1);
  });

  it("the supervisor queries it; the worker is told and sees a query to answer", async () => {
    const res = await t.http.post(`/api/spends/${spendId}/reviews`).set(as(supervisor)).send({ decision: "query", comment: "Which route, and was it a return?" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ spendId, decision: "query", comment: "Which route, and was it a return?", revision: 1, justificationStatus: "queried", reviewer: { name: "Sam Reid" } });
    const inbox = await notificationsOf(worker);
    expect(inbox.items.filter((n) => n.spendId === spendId).map((n) => n.kind)).toEqual(["justification.query"]);
    const todo = await t.http.get("/api/worklists/todo").set(as(worker));
    expect(todo.body.items.filter((i: { spend: { id: string } }) => i.spend.id === spendId).map((i: { need: string }) => i.need).sort()).toEqual(["add_receipt", "answer_query", "follow_up"]);
  });

  it("the worker revises; the supervisor endorses; the justification can no longer change", async () => {
    const revised = await t.http.put(`/api/spends/${spendId}/justification`).set(as(worker)).send(second);
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ justificationStatus: "submitted", justification: { revision: 2, narrative: second.narrative } });
    expect(revised.body.justification.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);

    const endorsed = await t.http.post(`/api/spends/${spendId}/reviews`).set(as(supervisor)).send({ decision: "endorse" });
    expect(endorsed.status).toBe(201);
    expect(endorsed.body).toMatchObject({ decision: "endorse", comment: "", revision: 2, justificationStatus: "endorsed" });
    expect((await notificationsOf(worker)).items.filter((n) => n.spendId === spendId).map((n) => n.kind)).toEqual(["justification.endorse", "justification.query"]);

    expectProblem(await t.http.put(`/api/spends/${spendId}/justification`).set(as(worker)).send(first), 409, { typeEndsWith: "illegal-transition" });
    expectProblem(await t.http.post(`/api/spends/${spendId}/reviews`).set(as(supervisor)).send({ decision: "concern", comment: "Second thoughts" }), 409, { typeEndsWith: "illegal-transition" });
  });

  it("the worker records the follow-up in the client's words", async () => {
    const res = await t.http
      .put(`/api/spends/${spendId}/follow-up`)
      .set(as(worker))
      .send({ contactedOn: (await spend()).spentOn, method: "phone", outcome: "helped_a_lot", clientView: clientWords, notes: "Called her after the interview" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ followUpStatus: "done", followUpOverdue: false, followUp: { outcome: "helped_a_lot", method: "phone", clientView: clientWords, recordedBy: { name: "Wren Walker" } } });
  });

  it("the auditor sees both revisions, the reviews and the follow-up, in order, in the timeline", async () => {
    const res = await t.http.get(`/api/spends/${spendId}`).set(as(auditor));
    expect(res.status).toBe(200);
    const detail = res.body;
    expect(detail.justification.revisions.map((r: { narrative: string }) => r.narrative)).toEqual([first.narrative, second.narrative]);
    expect(detail.reviews.map((r: { decision: string; revision: number }) => [r.decision, r.revision])).toEqual([
      ["query", 1],
      ["endorse", 2],
    ]);
    expect(detail.followUp).toMatchObject({ outcome: "helped_a_lot", clientView: clientWords });
    const timeline = detail.timeline as { type: string; data: Record<string, unknown>; actor: { name: string } | null }[];
    expect(timeline.map((e) => e.type)).toEqual([
      "spend.logged",
      "justification.submitted",
      "justification.reviewed",
      "justification.submitted",
      "justification.reviewed",
      "follow_up.recorded",
    ]);
    expect(timeline.map((e) => e.data.to).slice(1)).toEqual(["submitted", "queried", "submitted", "endorsed", "done"]);
    expect(timeline[2]?.actor?.name).toBe("Sam Reid");
    // The log holds what changed, never the worker's narrative or the client's words.
    const logged = JSON.stringify(timeline);
    expect(logged).not.toContain(first.narrative);
    expect(logged).not.toContain(clientWords);
  });

  it("the event chain still verifies", async () => {
    const res = await t.http.get("/api/audit/events/verify").set(as(auditor));
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
  });

  async function spend() {
    return (await t.http.get(`/api/spends/${spendId}`).set(as(worker))).body as { spentOn: string };
  }
});
