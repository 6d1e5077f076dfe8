import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, spendBody } from "../support/factories.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/**
 * A phone's outbox sends a justification or a follow-up again when the reply was lost. The same
 * body again must not make a second revision, a second notification or a second log entry; a
 * different text, or the same text after a review, still counts.
 */
describe("a justification or follow-up sent again after a lost reply", () => {
  let t: TestApp;
  let worker: string;
  let supervisor: string;
  let spendId: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const text = { narrative: "Bus fare so Jo could get to the job centre interview she had been preparing for all month.", intendedOutcome: "Jo attends the interview" };
  const followUp = { contactedOn: "", method: "phone", outcome: "helped_a_lot", clientView: "I got there on time." };

  beforeAll(async () => {
    t = await startTestApp();
    [worker, supervisor] = await Promise.all([t.tokenFor("worker"), t.tokenFor("supervisor")]);
    const ids = await councilIds(t);
    const res = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, amount: 410 }));
    expect(res.status).toBe(201);
    spendId = res.body.id;
    followUp.contactedOn = res.body.spentOn;
  });
  afterAll(() => t.close());

  const detail = async () => (await t.http.get(`/api/spends/${spendId}`).set(as(worker))).body;
  const eventsOf = (body: { timeline: { type: string }[] }, type: string) => body.timeline.filter((e) => e.type === type).length;

  it("keeps one revision and one notification when the same justification arrives twice", async () => {
    const once = await t.http.put(`/api/spends/${spendId}/justification`).set(as(worker)).set("Idempotency-Key", "j-1").send(text);
    const again = await t.http.put(`/api/spends/${spendId}/justification`).set(as(worker)).set("Idempotency-Key", "j-1").send(text);
    expect([once.status, again.status]).toEqual([200, 200]);
    expect(again.body.justification).toMatchObject({ revision: 1, narrative: text.narrative });
    expect(again.body.justification.revisions).toHaveLength(1);
    expect(eventsOf(await detail(), "justification.submitted")).toBe(1);
    const inbox = (await t.http.get("/api/notifications").set(as(supervisor))).body as { items: { spendId: string; kind: string }[] };
    expect(inbox.items.filter((n) => n.spendId === spendId && n.kind === "justification.submitted")).toHaveLength(1);
  });

  it("still makes a revision of changed text, and of the same text answering a query", async () => {
    const changed = { ...text, intendedOutcome: "Jo attends and gets the job" };
    const revised = await t.http.put(`/api/spends/${spendId}/justification`).set(as(worker)).send(changed);
    expect(revised.body.justification.revision).toBe(2);
    const query = await t.http.post(`/api/spends/${spendId}/reviews`).set(as(supervisor)).send({ decision: "query", comment: "Was it a return?" });
    expect(query.status).toBe(201);
    const answered = await t.http.put(`/api/spends/${spendId}/justification`).set(as(worker)).send(changed);
    expect(answered.body).toMatchObject({ justificationStatus: "submitted", justification: { revision: 3 } });
  });

  it("keeps one follow-up and one log entry when the same follow-up arrives twice, and logs a correction", async () => {
    const once = await t.http.put(`/api/spends/${spendId}/follow-up`).set(as(worker)).set("Idempotency-Key", "f-1").send(followUp);
    const again = await t.http.put(`/api/spends/${spendId}/follow-up`).set(as(worker)).set("Idempotency-Key", "f-1").send(followUp);
    expect([once.status, again.status]).toEqual([200, 200]);
    expect(again.body).toMatchObject({ followUpStatus: "done", followUp: { outcome: "helped_a_lot", clientView: followUp.clientView } });
    expect(eventsOf(await detail(), "follow_up.recorded")).toBe(1);

    const corrected = await t.http.put(`/api/spends/${spendId}/follow-up`).set(as(worker)).send({ ...followUp, outcome: "helped_a_little" });
    expect(corrected.body.followUp.outcome).toBe("helped_a_little");
    expect(eventsOf(await detail(), "follow_up.recorded")).toBe(2);
  });
});
