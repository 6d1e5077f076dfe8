import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { addDays } from "@greentape/domain/dates";
import { createClient, createScheme, councilIds, postSpend, spendBody, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestAccount, type TestApp } from "../support/test-app.ts";

const DAY = 86_400_000;
const REASON = "Misuse found at audit: a spend on the worker's own shopping.";

/** Issue 14 part 6: the freedom is taken from the one person who misused it, and nobody else. */
describe("restrictions", () => {
  const clock = new TestClock(new Date("2026-11-10T10:00:00Z"));
  let t: TestApp;
  let ids: CouncilIds;
  let schemeId: string;
  const clients: Partial<Record<TestAccount, string>> = {};
  const tokens: Partial<Record<TestAccount, string>> = {};
  const token = async (account: TestAccount) => (tokens[account] ??= await t.tokenFor(account));
  const today = () => clock.now().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ids = await councilIds(t);
    schemeId = (await createScheme(t, { perSpendCap: 7_500, perClientCap: null, perWorkerMonthlyCap: 60_000, teamMonthlyBudget: null })).id;
    for (const account of ["worker", "worker2", "supervisor"] as const) clients[account] = await createClient(t, await token(account));
  });
  afterAll(() => t.close());

  const spend = async (account: "worker" | "worker2" | "supervisor", amount = 1_000) =>
    postSpend(t, await token(account), spendBody({ schemeId, clientId: clients[account] as string, amount, spentOn: today() }));
  const restrict = async (account: TestAccount, userId: string, body: object) =>
    t.http.post(`/api/users/${userId}/restrictions`).set("Authorization", `Bearer ${await token(account)}`).send(body);
  const lift = async (account: TestAccount, userId: string, restrictionId: string, reason = "Spoke with them; it is put right.") =>
    t.http.post(`/api/users/${userId}/restrictions/${restrictionId}/lift`).set("Authorization", `Bearer ${await token(account)}`).send({ reason });
  const listOf = async (account: TestAccount, userId: string) => t.http.get(`/api/users/${userId}/restrictions`).set("Authorization", `Bearer ${await token(account)}`);
  const allowance = async (account: TestAccount) => (await t.http.get(`/api/allowance?schemeId=${schemeId}`).set("Authorization", `Bearer ${await token(account)}`)).body;
  const notices = async (account: TestAccount) => (await t.http.get("/api/notifications").set("Authorization", `Bearer ${await token(account)}`)).body.items as { kind: string; message: string }[];
  const loggedActs = async (userId: string) =>
    ((await t.database.db.execute(sql`select type, actor_id, data from events where subject_type = 'user' and subject_id = ${userId} and type like 'restriction.%' order by id`)) as unknown as {
      rows: { type: string; actor_id: string; data: Record<string, unknown> }[];
    }).rows;

  let suspensionId: string;
  let loweredId: string;

  it("a supervisor suspends one worker: their spend is refused with the reason while a teammate's goes through", async () => {
    const worker = ids.users.worker?.id as string;
    const made = await restrict("supervisor", worker, { kind: "suspend", reason: REASON });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ userId: worker, kind: "suspend", reason: REASON, until: null, perSpendCap: null, perWorkerMonthlyCap: null, createdBy: ids.users.supervisor?.id, liftedAt: null, inForce: true });
    suspensionId = made.body.id;

    // At the same moment: the suspended worker is refused, the teammate and the supervisor are not.
    const [refused, teammate, supervisor] = await Promise.all([spend("worker"), spend("worker2"), spend("supervisor")]);
    expectProblem(refused, 422, { typeEndsWith: "allowance-restricted" });
    expect(refused.body).toMatchObject({ restrictionId: suspensionId, reason: REASON, until: null });
    expect(refused.body.detail).toContain(REASON);
    expect(teammate.status).toBe(201);
    expect(supervisor.status).toBe(201);
    expect(Number((await t.database.db.execute(sql`select count(*) as n from spends where worker_id = ${worker}`) as unknown as { rows: { n: string }[] }).rows[0]?.n)).toBe(0);

    // The worker sees it where they look: what they may spend (nothing, and why) and a notice.
    const mine = await allowance("worker");
    expect(mine).toMatchObject({ suspended: true, maxSpend: 0, restrictions: [{ id: suspensionId, kind: "suspend", reason: REASON }] });
    expect(await allowance("worker2")).toMatchObject({ suspended: false, restrictions: [] });
    const [notice] = await notices("worker");
    expect(notice?.kind).toBe("restriction.set");
    expect(notice?.message).toContain(REASON);
    expect((await notices("worker2")).some((n) => n.kind.startsWith("restriction."))).toBe(false);
  });

  it("lowered caps answer cap-exceeded with the lowered limit, for that worker alone", async () => {
    clock.advance(60_000);
    const worker2 = ids.users.worker2?.id as string;
    const made = await restrict("admin", worker2, { kind: "lower_caps", reason: REASON, perSpendCap: 2_000, perWorkerMonthlyCap: 5_000 });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: "lower_caps", perSpendCap: 2_000, perWorkerMonthlyCap: 5_000, createdBy: ids.users.admin?.id });
    loweredId = made.body.id;

    const overSpend = await spend("worker2", 2_500);
    expectProblem(overSpend, 422, { typeEndsWith: "cap-exceeded" });
    expect(overSpend.body).toMatchObject({ cap: "perSpend", limit: 2_000 });
    // 1,000 spent already this month: 2,000 and 1,500 more fit the lowered 5,000; another 1,000 would not.
    expect((await spend("worker2", 2_000)).status).toBe(201);
    expect((await spend("worker2", 1_500)).status).toBe(201);
    const overMonth = await spend("worker2", 1_000);
    expectProblem(overMonth, 422, { typeEndsWith: "cap-exceeded" });
    expect(overMonth.body).toMatchObject({ cap: "perWorkerMonthly", limit: 5_000, remaining: 500 });
    expect(await allowance("worker2")).toMatchObject({ suspended: false, caps: { perSpend: { limit: 2_000 }, perWorkerMonthly: { limit: 5_000, used: 4_500, remaining: 500 } }, maxSpend: 500 });

    // The supervisor, in the same team and scheme, keeps the scheme's caps.
    expect((await spend("supervisor", 7_000)).status).toBe(201);
    expect((await notices("worker2"))[0]?.message).toContain("£20.00 a spend and £50.00 a month");
  });

  it("lifting restores both at once", async () => {
    clock.advance(60_000);
    const worker = ids.users.worker?.id as string;
    const worker2 = ids.users.worker2?.id as string;
    const lifted = await lift("supervisor", worker, suspensionId);
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ id: suspensionId, liftedBy: ids.users.supervisor?.id, liftReason: "Spoke with them; it is put right.", inForce: false });
    expect(lifted.body.liftedAt).toBe(clock.now().toISOString());
    expect((await spend("worker")).status).toBe(201);

    expect((await lift("supervisor", worker2, loweredId)).status).toBe(200);
    expect((await spend("worker2", 2_500)).status).toBe(201);
    expect(await allowance("worker2")).toMatchObject({ caps: { perSpend: { limit: 7_500 }, perWorkerMonthly: { limit: 60_000 } } });
    expect((await notices("worker"))[0]?.kind).toBe("restriction.lifted");

    expectProblem(await lift("supervisor", worker, suspensionId), 409, { typeEndsWith: "already-lifted" });
  });

  it("both acts are in the event log, without the reason, and the log still verifies", async () => {
    const acts = await loggedActs(ids.users.worker?.id as string);
    expect(acts.map((a) => a.type)).toEqual(["restriction.set", "restriction.lifted"]);
    expect(acts.every((a) => a.actor_id === ids.users.supervisor?.id)).toBe(true);
    expect(acts[0]?.data).toEqual({ restrictionId: suspensionId, kind: "suspend", until: null, perSpendCap: null, perWorkerMonthlyCap: null });
    expect(JSON.stringify(acts)).not.toContain("shopping");
    expect((await loggedActs(ids.users.worker2?.id as string)).map((a) => a.type)).toEqual(["restriction.set", "restriction.lifted"]);
    const verify = await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${await token("auditor")}`);
    expect(verify.body.ok).toBe(true);
  });

  it("a supervisor cannot restrict themselves or another team's worker; workers, auditors and finance cannot at all", async () => {
    const supervisor = ids.users.supervisor?.id as string;
    const worker = ids.users.worker?.id as string;
    const body = { kind: "suspend", reason: REASON };
    expectProblem(await restrict("supervisor", supervisor, body), 403);
    expectProblem(await restrict("supervisor2", worker, body), 403);
    expectProblem(await restrict("supervisor", ids.users.worker3?.id as string, body), 403);
    for (const account of ["worker2", "auditor", "finance"] as const) expectProblem(await restrict(account, worker, body), 403);
    // Nor lift: another team's supervisor cannot give back what they could not take.
    const made = await restrict("admin", supervisor, { kind: "suspend", reason: REASON });
    expect(made.status).toBe(201);
    expectProblem(await lift("supervisor", supervisor, made.body.id), 403);
    expectProblem(await lift("supervisor2", supervisor, made.body.id), 403);
    expectProblem(await spend("supervisor"), 422, { typeEndsWith: "allowance-restricted" });
    expect((await lift("admin", supervisor, made.body.id)).status).toBe(200);
    expectProblem(await restrict("admin", ids.users.auditor?.id as string, body), 403);
    expectProblem(await restrict("admin", "00000000-0000-4000-8000-000000000000", body), 404);
    expect((await loggedActs(worker)).length).toBe(2);
  });

  it("each bad input is a 400 naming its field, and writes nothing", async () => {
    const worker = ids.users.worker?.id as string;
    const before = (await listOf("admin", worker)).body.items.length;
    expectProblem(await restrict("admin", worker, { kind: "suspend", reason: "too short" }), 400, { field: "reason" });
    expectProblem(await restrict("admin", worker, { kind: "suspend", reason: "x".repeat(1_001) }), 400, { field: "reason" });
    expectProblem(await restrict("admin", worker, { kind: "lower_caps", reason: REASON }), 400, { field: "perSpendCap" });
    expectProblem(await restrict("admin", worker, { kind: "lower_caps", reason: REASON, perWorkerMonthlyCap: -5 }), 400, { field: "perWorkerMonthlyCap" });
    expectProblem(await restrict("admin", worker, { kind: "pause", reason: REASON }), 400, { field: "kind" });
    expectProblem(await restrict("admin", worker, { kind: "suspend", reason: REASON, until: addDays(today(), -1) }), 400, { field: "until" });
    expectProblem(await restrict("admin", worker, { kind: "suspend", reason: REASON, until: "2026-13-01" }), 400, { field: "until" });
    expectProblem(await restrict("admin", "not-a-uuid", { kind: "suspend", reason: REASON }), 400, { field: "id" });
    expectProblem(await lift("admin", worker, suspensionId, "short"), 400, { field: "reason" });
    expect((await listOf("admin", worker)).body.items.length).toBe(before);
  });

  it("a restriction until a day holds through that day and ends by itself after it", async () => {
    clock.advance(60_000);
    const worker = ids.users.worker?.id as string;
    const made = await restrict("supervisor", worker, { kind: "suspend", reason: REASON, until: today() });
    expect(made.body.until).toBe(today());
    expectProblem(await spend("worker"), 422, { typeEndsWith: "allowance-restricted" });
    clock.advance(DAY);
    expect((await spend("worker")).status).toBe(201);
    expectProblem(await lift("supervisor", worker, made.body.id), 409, { typeEndsWith: "restriction-ended" });
  });

  it("the restrictions are seen by the person, their supervisor, auditors and admins, and nobody else", async () => {
    const worker = ids.users.worker?.id as string;
    const own = await listOf("worker", worker);
    expect(own.status).toBe(200);
    expect(own.body.items.map((r: { inForce: boolean; liftedAt: string | null }) => [r.inForce, r.liftedAt === null])).toEqual([
      [false, true],
      [false, false],
    ]);
    for (const account of ["supervisor", "auditor", "admin"] as const) expect((await listOf(account, worker)).status).toBe(200);
    for (const account of ["worker2", "supervisor2", "finance"] as const) expectProblem(await listOf(account, worker), 403);
  });
});
