import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, councilIds, postSpend, spendBody, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestAccount, type TestApp } from "../support/test-app.ts";

interface QueueItem {
  spend: { id: string; flags: string[] };
  worker: { name: string };
  client: { id: string; reference: string };
  justification: { narrative: string; revision: number; submittedAt: string } | null;
  reviews: { decision: string; comment: string }[];
  clientHistory: { spendId: string; spentOn: string; outcome: string | null; clientView: string | null; worker: { name: string } }[];
}

/** The supervisor's review queue and the team summary, built up through the API with the clock moved between steps. */
describe("review queue and team summary", () => {
  const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));
  let t: TestApp;
  let ids: CouncilIds;
  let clientId: string;
  const tokens = {} as Record<TestAccount, string>;
  const as = (account: TestAccount) => ({ Authorization: `Bearer ${tokens[account]}` });
  const spend = {} as Record<"earlier" | "first" | "second" | "own" | "east", string>;
  const justification = (n: number) => ({ narrative: `Case ${n}: a week's bus pass so the client can attend every day of the training course.`, intendedOutcome: "Finishes the course" });

  async function log(account: TestAccount, body: Record<string, unknown>, justify = true) {
    const res = await postSpend(t, tokens[account], spendBody({ schemeId: ids.schemeId, clientId, ...body }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    if (justify) expect((await t.http.put(`/api/spends/${res.body.id}/justification`).set(as(account)).send(justification(1))).status).toBe(200);
    clock.advance(3_600_000);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const account of ["worker", "worker2", "worker3", "supervisor", "supervisor2", "auditor", "finance", "admin"] as TestAccount[]) tokens[account] = await t.tokenFor(account);
    ids = await councilIds(t);
    clientId = await createClient(t, tokens.worker);
    spend.earlier = await log("worker2", { amount: 1_200, spentOn: "2026-03-01", payee: "Stagecoach" });
    expect((await t.http.post(`/api/spends/${spend.earlier}/reviews`).set(as("supervisor")).send({ decision: "endorse" })).status).toBe(201);
    expect(
      (await t.http.put(`/api/spends/${spend.earlier}/follow-up`).set(as("worker2")).send({ contactedOn: "2026-03-02", method: "phone", outcome: "helped_a_little", clientView: "Got me there most days" })).status,
    ).toBe(200);
    spend.first = await log("worker", { amount: 2_500, spentOn: "2026-03-02" });
    spend.second = await log("worker2", { amount: 800, spentOn: "2026-03-02", payee: "Stagecoach" });
    spend.own = await log("supervisor", { amount: 500, spentOn: "2026-03-02" });
    const east = await postSpend(t, tokens.worker3, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.east[0] as string, amount: 900, spentOn: "2026-03-02" }));
    spend.east = east.body.id;
    await t.http.put(`/api/spends/${spend.east}/justification`).set(as("worker3")).send(justification(3));
  });
  afterAll(() => t.close());

  async function queue(account: TestAccount, query = ""): Promise<{ items: QueueItem[]; nextCursor: string | null; waiting: number }> {
    const res = await t.http.get(`/api/worklists/review-queue${query}`).set(as(account));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  it("lists the team's waiting justifications oldest first, never the supervisor's own", async () => {
    const { items } = await queue("supervisor");
    expect(items.map((i) => i.spend.id)).toEqual([spend.first, spend.second]);
    expect(items.map((i) => i.worker.name)).toEqual(["Wren Walker", "Priya Shah"]);
    expect(items[0]).toMatchObject({ client: { id: clientId }, justification: { revision: 1, narrative: justification(1).narrative }, reviews: [] });
    expect(Array.isArray(items[0]?.spend.flags)).toBe(true);
    expect((await queue("supervisor2")).items.map((i) => i.spend.id)).toEqual([spend.east]);
  });

  it("shows beside each case the client's earlier spends with what the client said", async () => {
    const { items } = await queue("supervisor");
    const history = items[0]?.clientHistory ?? [];
    expect(history.map((h) => h.spendId)).toEqual([spend.earlier]);
    expect(history[0]).toMatchObject({ spentOn: "2026-03-01", outcome: "helped_a_little", clientView: "Got me there most days", worker: { name: "Priya Shah" } });
    // The second case (same client, same day, logged later) sees both earlier spends, newest first.
    expect(items[1]?.clientHistory.map((h) => h.spendId)).toEqual([spend.first, spend.earlier]);
  });

  it("pages with a cursor, and a case leaves the queue once decided", async () => {
    const page1 = await queue("supervisor", "?limit=1");
    expect(page1.items.map((i) => i.spend.id)).toEqual([spend.first]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    // Every page says how many wait in all, so a screen showing the first page can say so.
    expect(page1.waiting).toBe(2);
    const page2 = await queue("supervisor", `?limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items.map((i) => i.spend.id)).toEqual([spend.second]);
    expect(page2.nextCursor).toBeNull();
    expect(page2.waiting).toBe(2);

    expect((await t.http.post(`/api/spends/${spend.first}/reviews`).set(as("supervisor")).send({ decision: "query", comment: "Was this the full week?" })).status).toBe(201);
    const afterQuery = await queue("supervisor");
    expect(afterQuery.items.map((i) => i.spend.id)).toEqual([spend.second]);
    expect(afterQuery.waiting).toBe(1);
    // Answered, it comes back in its place with the earlier round beside it.
    await t.http.put(`/api/spends/${spend.first}/justification`).set(as("worker")).send(justification(2));
    const { items } = await queue("supervisor");
    expect(items.map((i) => i.spend.id)).toEqual([spend.first, spend.second]);
    expect(items[0]).toMatchObject({ justification: { revision: 2 }, reviews: [{ decision: "query", comment: "Was this the full week?" }] });
  });

  it.each(["worker", "worker3", "auditor", "finance", "admin"] as TestAccount[])("%s has no review queue (403)", async (account) => {
    expectProblem(await t.http.get("/api/worklists/review-queue").set(as(account)), 403);
  });

  it("the team summary sets the month's spend against each scheme's team budget and counts outcomes", async () => {
    const res = await t.http.get("/api/worklists/team-summary?period=2026-03").set(as("supervisor"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ team: { id: ids.teams.north }, period: "2026-03" });
    const scheme = res.body.schemes.find((s: { schemeId: string }) => s.schemeId === ids.schemeId);
    expect(scheme).toEqual({ schemeId: ids.schemeId, schemeVersion: 1, name: "Everyday help", currency: "GBP", teamMonthlyBudget: 300_000, spent: 5_000, remaining: 295_000, spendCount: 4 });
    expect(res.body.outcomes).toEqual({ helped_a_lot: 0, helped_a_little: 1, no_difference: 0, made_things_worse: 0, could_not_contact: 0 });
    const february = await t.http.get("/api/worklists/team-summary?period=2026-02").set(as("supervisor"));
    expect(february.body.schemes.find((s: { schemeId: string }) => s.schemeId === ids.schemeId)).toMatchObject({ spent: 0, spendCount: 0, remaining: 300_000 });
  });

  it("a voided spend stops counting against the budget", async () => {
    expect((await t.http.post(`/api/spends/${spend.own}/void`).set(as("supervisor")).send({ reason: "Paid from the wrong card" })).status).toBe(200);
    const res = await t.http.get("/api/worklists/team-summary?period=2026-03").set(as("supervisor"));
    expect(res.body.schemes.find((s: { schemeId: string }) => s.schemeId === ids.schemeId)).toMatchObject({ spent: 4_500, spendCount: 3 });
  });

  it("who may see which team's summary", async () => {
    const east = await t.http.get(`/api/worklists/team-summary?period=2026-03&teamId=${ids.teams.east}`).set(as("auditor"));
    expect(east.status).toBe(200);
    expect(east.body.schemes.find((s: { schemeId: string }) => s.schemeId === ids.schemeId)).toMatchObject({ spent: 900, spendCount: 1 });
    expect((await t.http.get(`/api/worklists/team-summary?teamId=${ids.teams.north}`).set(as("admin"))).status).toBe(200);
    expect((await t.http.get(`/api/worklists/team-summary?teamId=${ids.teams.north}`).set(as("supervisor"))).status).toBe(200);
    expectProblem(await t.http.get(`/api/worklists/team-summary?teamId=${ids.teams.east}`).set(as("supervisor")), 403);
    expectProblem(await t.http.get("/api/worklists/team-summary?teamId=00000000-0000-4000-8000-000000000000").set(as("auditor")), 404);
    for (const account of ["worker", "worker2", "worker3", "finance"] as TestAccount[]) {
      expectProblem(await t.http.get("/api/worklists/team-summary").set(as(account)), 403);
    }
  });

  it("the to-do list is for people who log spends", async () => {
    for (const account of ["auditor", "finance", "admin"] as TestAccount[]) expectProblem(await t.http.get("/api/worklists/todo").set(as(account)), 403);
    const own = await t.http.get("/api/worklists/todo").set(as("worker2"));
    expect(own.body.items.every((i: { spend: { workerId: string } }) => i.spend.workerId === ids.users.worker2?.id)).toBe(true);
    // The tracks' work; a receipt is asked for every spend without one (tests/api/team-oversight.test.ts).
    const tracks = own.body.items.filter((i: { need: string }) => i.need !== "add_receipt");
    expect(tracks.map((i: { spend: { id: string }; need: string }) => `${i.spend.id === spend.second ? "second" : "earlier"}:${i.need}`)).toEqual(["second:follow_up"]);
  });
});

/** My spends' total for the month: the worker's own live spends made in it, in minor units. */
describe("the month's total on My spends", () => {
  const clock = new TestClock(new Date("2026-03-20T09:00:00Z"));
  let t: TestApp;
  let worker: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    worker = await t.tokenFor("worker");
    const ids = await councilIds(t);
    const clientId = await createClient(t, worker);
    const log = async (token: string, amount: number, spentOn: string) => {
      const res = await postSpend(t, token, spendBody({ schemeId: ids.schemeId, clientId, amount, spentOn }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    await log(worker, 1_250, "2026-03-02");
    await log(worker, 799, "2026-03-19");
    const voided = await log(worker, 5_000, "2026-03-18");
    expect((await t.http.post(`/api/spends/${voided}/void`).set("Authorization", `Bearer ${worker}`).send({ reason: "Logged twice by mistake" })).status).toBe(200);
    await log(worker, 3_000, "2026-02-27");
    // A colleague's spend in the same month is theirs, not the worker's.
    await log(await t.tokenFor("worker2"), 4_400, "2026-03-10");
  });
  afterAll(() => t.close());

  const total = (query = "", token = worker) => t.http.get(`/api/me/month-total${query}`).set("Authorization", `Bearer ${token}`);

  it("sums the worker's own live spends made this month, voided ones left out", async () => {
    const res = await total();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ period: "2026-03", count: 2, totals: [{ currency: "GBP", amount: 2_049 }] });
  });

  it("gives any month asked for, and an empty month as nothing spent", async () => {
    expect((await total("?period=2026-02")).body).toEqual({ period: "2026-02", count: 1, totals: [{ currency: "GBP", amount: 3_000 }] });
    expect((await total("?period=2026-04")).body).toEqual({ period: "2026-04", count: 0, totals: [] });
    expectProblem(await total("?period=March"), 400, { field: "period" });
  });

  it("is for people who log spends", async () => {
    for (const account of ["auditor", "finance", "admin"] as TestAccount[]) expectProblem(await total("", await t.tokenFor(account)), 403);
    expectProblem(await t.http.get("/api/me/month-total"), 401);
  });
});
