import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayIn } from "@greentape/domain/dates";
import { createClient, createScheme, postSpend, spendBody } from "../support/factories.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/** Flags inform review and never block: each appears on crafted data and not on ordinary data. */
describe("flags computed when a spend is logged", () => {
  let t: TestApp;
  let worker: string;
  let worker2: string;
  let schemeId: string;
  const today = todayIn("Europe/London", new Date());
  beforeAll(async () => {
    t = await startTestApp();
    worker = await t.tokenFor("worker");
    worker2 = await t.tokenFor("worker2");
    schemeId = (await createScheme(t, { perSpendCap: 5_000, perClientCap: null, perWorkerMonthlyCap: null, teamMonthlyBudget: null })).id;
  });
  afterAll(() => t.close());

  const log = async (token: string, overrides: Record<string, unknown>) => {
    const res = await postSpend(t, token, spendBody({ schemeId, ...overrides } as never));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.flags as string[];
  };

  it("an ordinary spend carries no flag but new_payee for a first-time payee", async () => {
    const clientId = await createClient(t, worker);
    expect(await log(worker, { clientId, amount: 1_000, payee: "Stagecoach" })).toEqual(["new_payee"]);
    expect(await log(worker, { clientId, amount: 1_200, payee: "Stagecoach", spentOn: addDays(today, -3) })).toEqual([]);
  });

  it("near_cap at 90% of the per-spend cap, not below", async () => {
    const clientId = await createClient(t, worker);
    expect(await log(worker, { clientId, amount: 4_499, payee: "Stagecoach" })).not.toContain("near_cap");
    expect(await log(worker2, { clientId: await createClient(t, worker2), amount: 4_500, payee: "Stagecoach" })).toContain("near_cap");
  });

  it("split_pattern: same worker, client and payee within 7 days adding up past the per-spend cap", async () => {
    const clientId = await createClient(t, worker);
    expect(await log(worker, { clientId, amount: 3_000, payee: "Argos", spentOn: addDays(today, -3) })).not.toContain("split_pattern");
    expect(await log(worker, { clientId, amount: 2_500, payee: " argos " })).toContain("split_pattern");
    expect(await log(worker2, { clientId, amount: 2_500, payee: "Argos" })).not.toContain("split_pattern");
  });

  it("possible_duplicate: same client, amount, payee and date", async () => {
    const clientId = await createClient(t, worker);
    expect(await log(worker, { clientId, amount: 777, payee: "Greggs" })).not.toContain("possible_duplicate");
    expect(await log(worker2, { clientId, amount: 777, payee: "Greggs" })).toContain("possible_duplicate");
  });

  it("late_logged: logged more than 7 days after it was spent", async () => {
    const clientId = await createClient(t, worker);
    expect(await log(worker, { clientId, amount: 100, payee: "Stagecoach", spentOn: addDays(today, -7) })).not.toContain("late_logged");
    expect(await log(worker, { clientId, amount: 100, payee: "Stagecoach", spentOn: addDays(today, -8) })).toContain("late_logged");
  });

  it("above_team_normal: at or above the team's 95th percentile once there are 20 spends in the category", async () => {
    const clientId = await createClient(t, worker);
    for (let i = 0; i < 19; i++) await log(worker, { clientId, amount: 500 + i, payee: "Tesco", category: "Clothing" });
    // 19 earlier spends: not enough history yet, however large.
    expect(await log(worker, { clientId, amount: 4_000, payee: "Tesco", category: "Clothing" })).not.toContain("above_team_normal");
    expect(await log(worker, { clientId, amount: 510, payee: "Tesco", category: "Clothing" })).not.toContain("above_team_normal");
    expect(await log(worker, { clientId, amount: 4_000, payee: "Tesco", category: "Clothing" })).toContain("above_team_normal");
  });
});
