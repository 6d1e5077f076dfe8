import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, createScheme, councilIds, postSpend, spendBody, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestAccount, type TestApp } from "../support/test-app.ts";

const DAY = 86_400_000;

interface Member {
  id: string;
  name: string;
  role: string;
  allowance: { schemeId: string; used: number; limit: number | null }[];
  openTodos: number;
  overdueTodos: number;
  pause: { paused: boolean; overdueJustifications: number; snoozedUntil: string | null };
  restrictions: { id: string; kind: string; reason: string; until: string | null; perSpendCap: number | null; inForce: boolean }[];
}

/**
 * Issue 17: the supervisor's team: its people (allowance used, open to-dos, pause) and every spend
 * of the team, filtered by worker, client, category, track and dates, as a list and a CSV.
 */
describe("a supervisor's team list and team spends", () => {
  const clock = new TestClock(new Date("2026-03-10T09:00:00Z"));
  let t: TestApp;
  let ids: CouncilIds;
  let schemeId: string;
  const clientIds = {} as Record<"c1" | "c2", string>;
  const refs = { c1: `C-TEAM-1-${Date.now()}`, c2: `C-TEAM-2-${Date.now()}` };
  const tokens = {} as Record<TestAccount, string>;
  const as = (account: TestAccount) => ({ Authorization: `Bearer ${tokens[account]}` });
  const spend = {} as Record<"a" | "b" | "c" | "voided" | "east", string>;

  async function log(account: TestAccount, body: Record<string, unknown>) {
    const res = await postSpend(t, tokens[account], spendBody({ schemeId, clientId: clientIds.c1, ...body }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const account of ["worker", "worker2", "worker3", "supervisor", "supervisor2", "auditor", "finance", "admin"] as TestAccount[]) tokens[account] = await t.tokenFor(account);
    ids = await councilIds(t);
    // Justify within a day of logging, one day's grace; follow up within 5 days of the spend.
    schemeId = (await createScheme(t, { justificationDueDays: 1, graceDays: 1, followUpDueDays: 5, perClientCap: null })).id;
    clientIds.c1 = await createClient(t, tokens.worker, refs.c1);
    clientIds.c2 = await createClient(t, tokens.worker, refs.c2);
    const justify = (account: TestAccount, id: string) =>
      t.http.put(`/api/spends/${id}/justification`).set(as(account)).send({ narrative: "A coat for the winter so the client can walk to the day centre.", intendedOutcome: "Keeps attending" });

    spend.a = await log("worker", { amount: 1_000, category: "Travel", spentOn: "2026-03-02" });
    spend.b = await log("worker2", { amount: 2_000, category: "Clothing", spentOn: "2026-03-05", clientId: clientIds.c2 });
    expect((await justify("worker2", spend.b)).status).toBe(200);
    expect((await t.http.post(`/api/spends/${spend.b}/reviews`).set(as("supervisor")).send({ decision: "query", comment: "Which day centre is this for?" })).status).toBe(201);
    expect((await t.http.post(`/api/spends/${spend.b}/receipt-lost`).set(as("worker2")).send({ description: "Winter coat", reason: "The till receipt was never printed" })).status).toBe(201);
    spend.c = await log("worker", { amount: 500, category: "Food and essentials", spentOn: "2026-03-08", clientId: clientIds.c2 });
    expect((await justify("worker", spend.c)).status).toBe(200);
    spend.voided = await log("worker", { amount: 700, category: "Travel", spentOn: "2026-03-09" });
    expect((await t.http.post(`/api/spends/${spend.voided}/void`).set(as("worker")).send({ reason: "Logged twice by mistake" })).status).toBe(200);
    const east = await postSpend(t, tokens.worker3, spendBody({ schemeId, clientId: ids.clients.east[0] as string, amount: 900, spentOn: "2026-03-05" }));
    expect(east.status).toBe(201);
    spend.east = east.body.id;
    // Three days on: the worker's and worker2's justifications are overdue past grace.
    clock.advance(3 * DAY);
  });
  afterAll(() => t.close());

  async function members(account: TestAccount, query = ""): Promise<Member[]> {
    const res = await t.http.get(`/api/team/members${query}`).set(as(account));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.members;
  }

  async function list(query: string, account: TestAccount = "supervisor") {
    const res = await t.http.get(`/api/team/spends${query}`).set(as(account));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { count: number; liveTotal: number; items: { id: string; workerName: string; clientReference: string; receipt: string }[]; nextCursor: string | null };
  }
  const idsOf = async (query: string) => (await list(query)).items.map((i) => i.id);

  it("lists each member who logs spends with this month's allowance used, open to-dos and pause", async () => {
    const people = await members("supervisor");
    const byId = new Map(people.map((m) => [m.id, m]));
    expect(people.map((m) => m.id).sort()).toEqual([ids.users.worker?.id, ids.users.worker2?.id, ids.users.supervisor?.id].sort());
    const worker = byId.get(ids.users.worker?.id ?? "");
    // A: justify, follow-up (overdue since 7 March), receipt; C: follow-up, receipt. The void counts for nothing.
    expect(worker).toMatchObject({ role: "worker", openTodos: 5, overdueTodos: 2, pause: { paused: true, overdueJustifications: 1, snoozedUntil: null } });
    expect(worker?.allowance.find((a) => a.schemeId === schemeId)).toMatchObject({ used: 1_500, limit: 60_000 });
    // B: the question to answer and the overdue follow-up; its lost receipt is declared.
    expect(byId.get(ids.users.worker2?.id ?? "")).toMatchObject({ openTodos: 2, overdueTodos: 2, pause: { paused: true, overdueJustifications: 1 } });
    expect(byId.get(ids.users.worker2?.id ?? "")?.allowance.find((a) => a.schemeId === schemeId)?.used).toBe(2_000);
    expect(byId.get(ids.users.supervisor?.id ?? "")).toMatchObject({ role: "supervisor", openTodos: 0, pause: { paused: false } });
    // Another team's supervisor sees only theirs.
    expect((await members("supervisor2")).map((m) => m.id).sort()).toEqual([ids.users.worker3?.id, ids.users.supervisor2?.id].sort());
  });

  it("lists every spend of the team, newest date first, with names, and pages without a gap", async () => {
    const all = await list("");
    expect(all.items.map((i) => i.id)).toEqual([spend.voided, spend.c, spend.b, spend.a]);
    expect(all).toMatchObject({ count: 4, liveTotal: 3_500 });
    const b = all.items.find((i) => i.id === spend.b);
    expect(b).toMatchObject({ workerName: "Priya Shah", clientReference: refs.c2, receipt: "declared_lost" });
    const first = await list("?limit=2");
    expect(first.items.map((i) => i.id)).toEqual([spend.voided, spend.c]);
    expect(first.count).toBe(4);
    const second = await list(`?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    expect(second.items.map((i) => i.id)).toEqual([spend.b, spend.a]);
    expect(second.nextCursor).toBeNull();
    expect(await idsOf("")).not.toContain(spend.east);
  });

  it("filters by worker, client, category, track and date span, alone and together", async () => {
    expect(await idsOf(`?workerId=${ids.users.worker2?.id}`)).toEqual([spend.b]);
    expect(await idsOf(`?clientId=${clientIds.c2}`)).toEqual([spend.c, spend.b]);
    expect(await idsOf(`?category=Clothing`)).toEqual([spend.b]);
    expect(await idsOf(`?track=unjustified`)).toEqual([spend.a]);
    expect(await idsOf(`?track=queried`)).toEqual([spend.b]);
    expect(await idsOf(`?track=follow_up_overdue`)).toEqual([spend.b, spend.a]);
    expect(await idsOf(`?track=receipt_missing`)).toEqual([spend.c, spend.a]);
    expect(await idsOf(`?from=2026-03-04&to=2026-03-08`)).toEqual([spend.c, spend.b]);
    expect(await idsOf(`?from=2026-03-09`)).toEqual([spend.voided]);
    expect(await idsOf(`?workerId=${ids.users.worker?.id}&track=receipt_missing&to=2026-03-05`)).toEqual([spend.a]);
    const filtered = await list(`?clientId=${clientIds.c2}`);
    expect(filtered).toMatchObject({ count: 2, liveTotal: 2_500 });
  });

  it("downloads the filtered list as a CSV with the worker's name and the client's reference beside their ids", async () => {
    const res = await t.http.get(`/api/team/spends.csv?track=follow_up_overdue`).set(as("supervisor")).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="team-spends-2026-03-13\.csv"/);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.spend_id)).toEqual([spend.b, spend.a]);
    expect(rows[0]).toMatchObject({ spent_on: "2026-03-05", worker_id: ids.users.worker2?.id, worker_name: "Priya Shah", client_id: clientIds.c2, client_reference: refs.c2, amount: "20.00", justification: "queried", receipt: "declared_lost", voided: "no" });
    expect(rows[1]).toMatchObject({ worker_name: "Wren Walker", client_reference: refs.c1, receipt: "missing" });
  });

  it("shows every team to auditors and admins when named, and nothing to workers, finance or another team's supervisor", async () => {
    expect((await list(`?teamId=${ids.teams.north}`, "auditor")).count).toBe(4);
    expect((await list(`?teamId=${ids.teams.east}`, "admin")).items.map((i) => i.id)).toEqual([spend.east]);
    expect((await members("admin", `?teamId=${ids.teams.north}`)).length).toBe(3);
    for (const path of ["/api/team/members", "/api/team/spends", "/api/team/spends.csv"]) {
      expectProblem(await t.http.get(path).set(as("worker")), 403);
      expectProblem(await t.http.get(path).set(as("finance")), 403);
      expectProblem(await t.http.get(`${path}?teamId=${ids.teams.east}`).set(as("supervisor")), 403);
      expectProblem(await t.http.get(path).set(as("auditor")), 400, { field: "teamId" });
      expectProblem(await t.http.get(`${path}?teamId=00000000-0000-4000-8000-000000000000`).set(as("auditor")), 404);
      expectProblem(await t.http.get(path), 401);
    }
  });

  it("refuses a bad filter with a problem naming the field", async () => {
    expectProblem(await t.http.get("/api/team/spends?track=late").set(as("supervisor")), 400, { field: "track" });
    expectProblem(await t.http.get("/api/team/spends?from=2026-02-30").set(as("supervisor")), 400, { field: "from" });
    expectProblem(await t.http.get("/api/team/spends?from=2026-03-09&to=2026-03-01").set(as("supervisor")), 400, { field: "to" });
    expectProblem(await t.http.get("/api/team/spends.csv?workerId=nobody").set(as("supervisor")), 400, { field: "workerId" });
    expectProblem(await t.http.get("/api/team/spends?cursor=bad").set(as("supervisor")), 400, { field: "cursor" });
  });

  it("puts a to-do on the worker's list for every live spend still missing a receipt", async () => {
    const res = await t.http.get("/api/worklists/todo").set(as("worker"));
    expect(res.status).toBe(200);
    const receipts = (res.body.items as { need: string; overdue: boolean; spend: { id: string } }[]).filter((i) => i.need === "add_receipt");
    expect(receipts.map((i) => i.spend.id).sort()).toEqual([spend.a, spend.c].sort());
    expect(receipts.every((i) => !i.overdue)).toBe(true);
    // Declaring it lost stands in for the receipt: the to-do goes.
    expect((await t.http.post(`/api/spends/${spend.c}/receipt-lost`).set(as("worker")).send({ description: "Groceries", reason: "The shop's printer was broken" })).status).toBe(201);
    const after = await t.http.get("/api/worklists/todo").set(as("worker"));
    expect((after.body.items as { need: string; spend: { id: string } }[]).filter((i) => i.need === "add_receipt").map((i) => i.spend.id)).toEqual([spend.a]);
  });

  it("shows each member's restrictions in force beside their pause; lifted and ended ones are gone", async () => {
    const restrict = (userId: string, body: object) => t.http.post(`/api/users/${userId}/restrictions`).set(as("supervisor")).send(body);
    const worker = ids.users.worker?.id as string;
    const worker2 = ids.users.worker2?.id as string;
    const suspension = await restrict(worker2, { kind: "suspend", reason: "Cash handling under review after a missing receipt", until: "2026-03-31" });
    const lowered = await restrict(worker, { kind: "lower_caps", reason: "New to the scheme: smaller spends for the first month", perSpendCap: 2_500 });
    const lifted = await restrict(worker, { kind: "suspend", reason: "Set by mistake on the wrong person" });
    const ended = await restrict(worker, { kind: "lower_caps", reason: "Only for the day of the training course", perWorkerMonthlyCap: 10_000, until: "2026-03-13" });
    expect([suspension.status, lowered.status, lifted.status, ended.status]).toEqual([201, 201, 201, 201]);
    expect((await t.http.post(`/api/users/${worker}/restrictions/${lifted.body.id}/lift`).set(as("supervisor")).send({ reason: "It was meant for nobody at all" })).status).toBe(200);
    clock.advance(DAY);

    for (const account of ["supervisor", "auditor", "admin"] as TestAccount[]) {
      const byId = new Map((await members(account, account === "supervisor" ? "" : `?teamId=${ids.teams.north}`)).map((m) => [m.id, m]));
      expect(byId.get(worker2)?.restrictions, account).toEqual([expect.objectContaining({ id: suspension.body.id, kind: "suspend", reason: "Cash handling under review after a missing receipt", until: "2026-03-31", inForce: true })]);
      expect(byId.get(worker)?.restrictions, account).toEqual([expect.objectContaining({ id: lowered.body.id, kind: "lower_caps", perSpendCap: 2_500, until: null, inForce: true })]);
      expect(byId.get(ids.users.supervisor?.id ?? "")?.restrictions, account).toEqual([]);
    }
  });
});
