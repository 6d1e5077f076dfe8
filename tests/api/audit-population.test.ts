import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "../support/factories.ts";
import { startTestApp, TestClock, type TestApp } from "../support/test-app.ts";
import { bearer, drawSample, logMany, logSpend, NOW, PERIOD, roomyScheme, type LoggedSpend } from "./audit-support.ts";

const APRIL = "2026-04";

/**
 * Audit and finance agree on a month: the population is the spends booked in it, for a closed
 * month the rows frozen at its close. A late spend dated in a closed month is booked (and
 * sampled) in the next open one, and a void after close books a reversal there; neither moves
 * the closed month, so a sample drawn before still verifies.
 */
describe("the audit population is finance's booked month", () => {
  let t: TestApp;
  let auditor: string;
  let worker: string;
  let finance: string;
  let base: { schemeId: string; clientId: string };
  let march: LoggedSpend[];

  const verify = (sampleId: string) => t.http.get(`/api/audit/samples/${sampleId}/verify`).set(bearer(auditor));
  const voidSpend = (id: string) => t.http.post(`/api/spends/${id}/void`).set(bearer(worker)).send({ reason: "Logged against the wrong client" });

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date(NOW)) });
    [auditor, worker, finance] = await Promise.all([t.tokenFor("auditor"), t.tokenFor("worker"), t.tokenFor("finance")]);
    base = { schemeId: (await roomyScheme(t)).id, clientId: await createClient(t, worker) };
    march = await logMany(t, worker, base, 12);
  });
  afterAll(() => t.close());

  it("keeps a closed month's population after a late spend dated in it and a void, and its earlier sample still verifies", async () => {
    const before = await drawSample(t, auditor, { period: PERIOD, seed: "before-close", size: 5, riskRules: false });
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    const marchTotal = march.reduce((sum, s) => sum + s.amount, 0);
    expect(before.body.population).toEqual({ count: 12, total: marchTotal });

    const closed = await t.http.post(`/api/periods/${PERIOD}/close`).set(bearer(finance)).send({ confirm: true });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    // After close: a spend dated in March is booked into April, and a March spend is voided (its reversal goes to April).
    const late = await logSpend(t, worker, { ...base, spentOn: "2026-03-15", amount: 4_321 });
    const victim = march[3] as LoggedSpend;
    expect((await voidSpend(victim.id)).status).toBe(200);

    const after = await drawSample(t, auditor, { period: PERIOD, seed: "after-close", size: 5, riskRules: false });
    expect(after.status).toBe(201);
    expect(after.body.population).toEqual(before.body.population);
    expect(after.body.datasetDigest).toBe(before.body.datasetDigest);
    const check = await verify(before.body.id);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ matches: true, populationChanged: false, joined: [], left: [], recordedPopulationSize: 12, currentPopulationSize: 12 });

    // The late spend is April's: finance books it there, and so does the audit.
    const april = await drawSample(t, auditor, { period: APRIL, seed: "april", size: 1, riskRules: false });
    expect(april.status, JSON.stringify(april.body)).toBe(201);
    expect(april.body.population).toEqual({ count: 1, total: late.amount });
    expect(april.body.items.map((i: { spendId: string }) => i.spendId)).toEqual([late.id]);
  });

  it("names the spend an open month's sample lost to a void, and one that joined, explaining once", async () => {
    // March is closed, so these are booked into April, which is open.
    const logged = await logMany(t, worker, base, 6);
    const drawn = await drawSample(t, auditor, { period: APRIL, seed: "open-month", size: 3, riskRules: false });
    expect(drawn.status).toBe(201);
    expect(drawn.body.population.count).toBe(7);
    const gone = logged[2] as LoggedSpend;
    expect((await voidSpend(gone.id)).status).toBe(200);
    const check = await verify(drawn.body.id);
    expect(check.body).toMatchObject({ matches: false, populationChanged: true, joined: [], left: [gone.id], recordedPopulationSize: 7, currentPopulationSize: 6 });
    expect(check.body.explanation.split(gone.id)).toHaveLength(2);
    expect(check.body.explanation.split("The spends booked in")).toHaveLength(2);

    const newcomer = await logSpend(t, worker, { ...base, spentOn: "2026-03-18", amount: 777 });
    const again = await verify(drawn.body.id);
    expect(again.body).toMatchObject({ populationChanged: true, joined: [newcomer.id], left: [gone.id], currentPopulationSize: 7 });
    expect(again.body.explanation).toContain(`Joined since: spend ${newcomer.id}.`);
    expect(again.body.explanation).toContain(`Left since (voided while the month was open): spend ${gone.id}.`);
  });
});
