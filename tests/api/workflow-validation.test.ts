import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { councilIds, postSpend, scalar, spendBody } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestApp } from "../support/test-app.ts";

/** Invariant 4 for the work after the spend: bad input is a 4xx naming the field, and writes nothing. */
describe("bad input after the spend", () => {
  const clock = new TestClock(new Date("2026-01-20T12:00:00Z"));
  let t: TestApp;
  let worker: string;
  let supervisor: string;
  let due: string;
  let submitted: string;
  let before: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const okJustification = { narrative: "Taxi home from hospital discharge late at night; no buses were running to the estate.", intendedOutcome: "Home safely" };
  const spentOn = "2026-01-15";

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [worker, supervisor] = await Promise.all([t.tokenFor("worker"), t.tokenFor("supervisor")]);
    const ids = await councilIds(t);
    const log = async () => (await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[2] as string, amount: 2_400, spentOn }))).body.id as string;
    due = await log();
    submitted = await log();
    expect((await t.http.put(`/api/spends/${submitted}/justification`).set(as(worker)).send(okJustification)).status).toBe(200);
  });
  afterAll(() => t.close());

  /** Everything the workflow could write, and the tracks it could move. */
  function footprint() {
    return scalar<string>(
      t,
      sql`select concat_ws(',', (select count(*) from justification_revisions), (select count(*) from reviews), (select count(*) from follow_ups), (select count(*) from comments), (select count(*) from notifications), (select count(*) from events), (select string_agg(justification_status || follow_up_status || justification_due_on, '' order by id) from spends)) as value`,
    );
  }
  beforeEach(async () => {
    before = await footprint();
  });
  async function expectNothingWritten() {
    expect(await footprint()).toBe(before);
  }

  it.each([
    ["an empty narrative", { ...okJustification, narrative: "" }, "narrative"],
    ["a narrative of only spaces", { ...okJustification, narrative: " ".repeat(60) }, "narrative"],
    ["a narrative one character short", { ...okJustification, narrative: "x".repeat(39) }, "narrative"],
    ["a narrative that is too long", { ...okJustification, narrative: "x".repeat(4001) }, "narrative"],
    ["a narrative with a control character", { ...okJustification, narrative: `${"x".repeat(50)}\u0007` }, "narrative"],
    ["no intended outcome", { narrative: okJustification.narrative }, "intendedOutcome"],
    ["an intended outcome that is too long", { ...okJustification, intendedOutcome: "y".repeat(1001) }, "intendedOutcome"],
  ])("justification with %s: 400 naming %s", async (_case, body, field) => {
    expectProblem(await t.http.put(`/api/spends/${due}/justification`).set(as(worker)).send(body), 400, { field, typeEndsWith: "validation" });
    await expectNothingWritten();
  });

  it("a narrative of exactly 40 and of exactly 4,000 characters is accepted", async () => {
    expect((await t.http.put(`/api/spends/${due}/justification`).set(as(worker)).send({ ...okJustification, narrative: "n".repeat(40) })).status).toBe(200);
    const res = await t.http.put(`/api/spends/${due}/justification`).set(as(worker)).send({ ...okJustification, narrative: "m".repeat(4000) });
    expect(res.status).toBe(200);
    expect(res.body.justification.revision).toBe(2);
  });

  it.each([
    ["an unknown decision", { decision: "approve", comment: "Fine" }, "decision"],
    ["no decision", { comment: "Fine" }, "decision"],
    ["a query with no comment", { decision: "query" }, "comment"],
    ["a query with a blank comment", { decision: "query", comment: "   " }, "comment"],
    ["a concern with no comment", { decision: "concern" }, "comment"],
    ["a comment that is too long", { decision: "query", comment: "c".repeat(2001) }, "comment"],
  ])("review with %s: 400 naming %s", async (_case, body, field) => {
    expectProblem(await t.http.post(`/api/spends/${submitted}/reviews`).set(as(supervisor)).send(body), 400, { field, typeEndsWith: "validation" });
    await expectNothingWritten();
  });

  it("reviewing before any justification is submitted is 409 naming the transition", async () => {
    const ids = await councilIds(t);
    const fresh = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[2] as string, amount: 100, spentOn }));
    before = await footprint();
    const res = await t.http.post(`/api/spends/${fresh.body.id}/reviews`).set(as(supervisor)).send({ decision: "endorse" });
    expectProblem(res, 409, { typeEndsWith: "illegal-transition" });
    expect(res.body).toMatchObject({ track: "justification", from: "due", event: "endorse" });
    await expectNothingWritten();
  });

  const okFollowUp = { contactedOn: "2026-01-18", method: "visit", outcome: "helped_a_lot" };
  it.each([
    ["a date before the spend", { ...okFollowUp, contactedOn: "2026-01-14" }, "contactedOn"],
    ["a date in the future", { ...okFollowUp, contactedOn: "2026-01-21" }, "contactedOn"],
    ["a date that does not exist", { ...okFollowUp, contactedOn: "2026-02-30" }, "contactedOn"],
    ["no date", { method: "visit", outcome: "helped_a_lot" }, "contactedOn"],
    ["an unknown method", { ...okFollowUp, method: "carrier pigeon" }, "method"],
    ["an unknown outcome", { ...okFollowUp, outcome: "fine" }, "outcome"],
    ["a client view that is too long", { ...okFollowUp, clientView: "v".repeat(4001) }, "clientView"],
  ])("follow-up with %s: 400 naming %s", async (_case, body, field) => {
    expectProblem(await t.http.put(`/api/spends/${due}/follow-up`).set(as(worker)).send(body), 400, { field });
    await expectNothingWritten();
  });

  it("a follow-up on the day of the spend and one today are both accepted", async () => {
    expect((await t.http.put(`/api/spends/${due}/follow-up`).set(as(worker)).send({ ...okFollowUp, contactedOn: spentOn })).status).toBe(200);
    const res = await t.http.put(`/api/spends/${due}/follow-up`).set(as(worker)).send({ ...okFollowUp, contactedOn: "2026-01-20", outcome: "no_difference", clientView: "" });
    expect(res.status).toBe(200);
    expect(res.body.followUp).toMatchObject({ contactedOn: "2026-01-20", outcome: "no_difference", clientView: null });
    expect(res.body.timeline.filter((e: { type: string }) => e.type === "follow_up.recorded")).toHaveLength(2);
  });

  it.each([
    ["an empty body", { body: "" }, "body"],
    ["a body that is too long", { body: "b".repeat(4001) }, "body"],
    ["an unknown visibility", { body: "Hello", visibility: "public" }, "visibility"],
  ])("comment with %s: 400 naming %s", async (_case, body, field) => {
    expectProblem(await t.http.post(`/api/spends/${due}/comments`).set(as(supervisor)).send(body), 400, { field });
    await expectNothingWritten();
  });

  it("a spend id that is not a UUID is 400 naming id; an unknown one is 404", async () => {
    expectProblem(await t.http.put("/api/spends/not-a-uuid/justification").set(as(worker)).send(okJustification), 400, { field: "id" });
    expectProblem(await t.http.post("/api/spends/00000000-0000-4000-8000-000000000000/reviews").set(as(supervisor)).send({ decision: "endorse" }), 404);
    expectProblem(await t.http.put("/api/spends/00000000-0000-4000-8000-000000000000/follow-up").set(as(worker)).send(okFollowUp), 404);
    expectProblem(await t.http.post("/api/notifications/00000000-0000-4000-8000-000000000000/read").set(as(worker)), 404);
    await expectNothingWritten();
  });

  it("bad list parameters are 400 naming them", async () => {
    const auditor = await t.tokenFor("auditor");
    expectProblem(await t.http.get("/api/worklists/team-summary?period=2026-13").set(as(supervisor)), 400, { field: "period" });
    expectProblem(await t.http.get("/api/worklists/team-summary").set(as(auditor)), 400, { field: "teamId" });
    expectProblem(await t.http.get("/api/worklists/team-summary?teamId=nope").set(as(auditor)), 400, { field: "teamId" });
    expectProblem(await t.http.get("/api/worklists/review-queue?cursor=garbage").set(as(supervisor)), 400, { field: "cursor" });
    expectProblem(await t.http.get("/api/notifications?limit=0").set(as(worker)), 400, { field: "limit" });
  });
});
