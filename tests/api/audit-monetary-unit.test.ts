import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestApp } from "../support/test-app.ts";
import { bearer, drawSample, NOW, PERIOD } from "./audit-support.ts";

/**
 * Reference values, from tests/fixtures/proportion-intervals.json (copied from
 * ../shared/reference): R(c, k) = qgamma(c, k + 1) computed with R 4.2.2, and its worked Stringer
 * example: book value £1,000,000, n = 60 at 95%, two taintings 0.5 and 0.2, upper misstatement
 * limit 6,966,974 pence. By hand, as the AICPA Audit Sampling guide lays the bound out:
 *   size n = ceil(BV × R(0) / TM) = ceil(100,000,000 × 2.995732 / 5,000,000) = ceil(59.91) = 60
 *   interval J = 100,000,000 / 60 = 1,666,666.67 pence
 *   basic precision = R(0) × J = −ln(0.05) × 1,666,666.67 = 2.9957323 × 1,666,666.67 = 4,992,887.1 → 4,992,888 (rounded up)
 *   projected misstatement = (0.5 + 0.2) × J = 1,166,666.67 → 1,166,667 (nearest penny)
 *   upper limit = J × (R(0) + (R(1) − R(0)) × 0.5 + (R(2) − R(1)) × 0.2)
 *               = 1,666,666.67 × (2.995732 + 1.748133 × 0.5 + 1.551929 × 0.2)
 *               = 1,666,666.67 × 4.180184 = 6,966,973.6 → 6,966,974 pence (rounded up)
 */
const reference = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/proportion-intervals.json"), "utf8")) as {
  poissonUpperFactors: Record<string, number[]>;
  stringerExample: { bookValue: number; sampleSize: number; confidence: number; taintings: number[]; projectedMisstatement: number; upperMisstatementLimit: number };
};
const example = reference.stringerExample;
const SPENDS = 200;
const AMOUNT = example.bookValue / SPENDS;

describe("monetary-unit sampling: its own size rule and the Stringer bound in money", () => {
  let t: TestApp;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date(NOW)) });
    auditor = await t.tokenFor("auditor");
    const ids = await councilIds(t);
    const worker = ids.users.worker as { id: string; teamId: string };
    const clientId = ids.clients.north[0] as string;
    // £1,000,000 booked in the month: 200 spends of £5,000, each smaller than the interval, so each
    // is drawn at most once and a finding's tainting is its misstatement / £5,000.
    await t.database.db.execute(sql`
      insert into spends (id, worker_id, team_id, client_id, scheme_id, scheme_version, amount, currency, category, payee,
                          payment_method, spent_on, period, booked_period, justification_due_on, follow_up_due_on, created_at)
      select gen_random_uuid(), ${worker.id}, ${worker.teamId}, ${clientId}, ${ids.schemeId}, 1, ${AMOUNT}, 'GBP', 'Travel', 'Payee ' || g,
             'prepaid_card', date '2026-03-01' + (g % 19), ${PERIOD}, ${PERIOD}, date '2026-04-07', date '2026-04-28', timestamptz '2026-03-19 12:00:00+00'
      from generate_series(1, ${SPENDS}) as g`);
  });
  afterAll(() => t.close());

  it("sizes the sample ceil(BV × R / TM): 60 hits at 95% with a tolerable misstatement of 5% of the total", async () => {
    const explicit = await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", seed: "mus-size", tolerableMisstatement: 5_000_000, riskRules: false });
    expect(explicit.status, JSON.stringify(explicit.body)).toBe(201);
    const expected = Math.ceil((example.bookValue * (reference.poissonUpperFactors["0.95"]?.[0] ?? 0)) / 5_000_000);
    expect(expected).toBe(60);
    expect(explicit.body.parameters).toMatchObject({ size: expected, sizeBasis: "monetary_unit", tolerableMisstatement: 5_000_000, expectedMisstatement: 0 });
    expect(explicit.body.population).toEqual({ count: SPENDS, total: example.bookValue });
    expect(explicit.body.items).toHaveLength(60);
    expect(explicit.body.sizeExplanation).toContain("60 hits by value, one every £16,666.67 of the £1,000,000.00 spent");
    // With no tolerable misstatement given, the tolerable rate (5%) of the total: the same 60.
    const byDefault = await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", seed: "mus-default", riskRules: false });
    expect(byDefault.body.parameters).toMatchObject({ size: 60, tolerableMisstatement: 5_000_000 });
    // At 90%: ceil(100,000,000 × 2.302585 / 5,000,000) = ceil(46.05) = 47.
    const ninety = await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", seed: "mus-90", confidence: 0.9, tolerableMisstatement: 5_000_000, riskRules: false });
    expect(ninety.body.parameters.size).toBe(Math.ceil((example.bookValue * (reference.poissonUpperFactors["0.90"]?.[0] ?? 0)) / 5_000_000));
    expect(ninety.body.parameters.size).toBe(47);
    // An expected misstatement of £10,000 at 95% (AICPA expansion factor 1.6): ceil(BV × 2.995732 / (5,000,000 − 1,000,000 × 1.6)) = ceil(88.11) = 89.
    const expecting = await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", seed: "mus-em", tolerableMisstatement: 5_000_000, expectedMisstatement: 1_000_000, riskRules: false });
    expect(expecting.body.parameters.size).toBe(89);
  });

  it("refuses misstatement parameters it cannot use, naming the field", async () => {
    expectProblem(await drawSample(t, auditor, { period: PERIOD, tolerableMisstatement: 5_000_000 }), 400, { field: "tolerableMisstatement" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", tolerableMisstatement: 0 }), 400, { field: "tolerableMisstatement" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", tolerableMisstatement: 1.5 }), 400, { field: "tolerableMisstatement" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", tolerableMisstatement: 1 }), 400, { field: "tolerableMisstatement" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", tolerableMisstatement: 5_000_000, expectedMisstatement: 4_000_000 }), 400, { field: "expectedMisstatement" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", tolerableMisstatement: 5_000_000, expectedMisstatement: 1, confidence: 0.97 }), 400, { field: "confidence" });
  });

  it("bounds the misstatement in pounds by the Stringer bound, to the penny, with two taintings", async () => {
    const drawn = await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", seed: "mus-stringer", tolerableMisstatement: 5_000_000, riskRules: false });
    expect(drawn.status).toBe(201);
    const items = drawn.body.items as { spendId: string }[];
    expect(items).toHaveLength(example.sampleSize);
    const finding = (spendId: string, body: object) => t.http.put(`/api/audit/samples/${drawn.body.id}/items/${spendId}/finding`).set(bearer(auditor)).send(body);
    const [half, fifth, ...clean] = items.map((i) => i.spendId) as [string, string, ...string[]];
    // Taintings 0.5 and 0.2 of a £5,000 spend: £2,500 and £1,000 overstated.
    expect((await finding(half, { result: "major", notes: "Receipt shows half the amount.", misstatement: AMOUNT * (example.taintings[0] ?? 0) })).status).toBe(200);
    expect((await finding(fifth, { result: "minor", notes: "Part of it was not for the client.", misstatement: AMOUNT * (example.taintings[1] ?? 0) })).status).toBe(200);
    for (const spendId of clean) expect((await finding(spendId, { result: "no_issue" })).status).toBe(200);
    // A misstatement larger than the spend, or on a clean finding, is refused naming it.
    expectProblem(await finding(half, { result: "major", notes: "Too much.", misstatement: AMOUNT + 1 }), 400, { field: "misstatement" });
    expectProblem(await finding(half, { result: "no_issue", misstatement: 5 }), 400, { field: "misstatement" });

    const res = await t.http.get(`/api/audit/samples/${drawn.body.id}/report`).set(bearer(auditor));
    expect(res.status).toBe(200);
    expect(res.body.monetaryUnit).toMatchObject({
      bookValue: example.bookValue,
      sampleSize: example.sampleSize,
      confidence: example.confidence,
      basicPrecision: 4_992_888,
      projectedMisstatement: Math.round(example.projectedMisstatement),
      upperMisstatementLimit: example.upperMisstatementLimit,
      taintings: example.taintings,
      tolerableMisstatement: 5_000_000,
      withinTolerable: false,
    });
    expect(res.body.monetaryUnit.samplingInterval).toBeCloseTo(1_666_666.67, 2);
    expect(res.body.statement).toBe(
      "With 60 spends drawn by value checked, we can be 95% confident that the £1,000,000.00 booked in March 2026 is overstated by no more than £69,669.74 (projected misstatement £11,666.67). That is more than the £50,000.00 tolerable misstatement.",
    );
  });

  it("refuses a misstatement on an attribute sample, where it means nothing", async () => {
    const drawn = await drawSample(t, auditor, { period: PERIOD, seed: "attribute", size: 3, riskRules: false });
    const spendId = (drawn.body.items as { spendId: string }[])[0]?.spendId as string;
    const res = await t.http.put(`/api/audit/samples/${drawn.body.id}/items/${spendId}/finding`).set(bearer(auditor)).send({ result: "major", notes: "Overstated.", misstatement: 100 });
    expectProblem(res, 400, { field: "misstatement" });
    const report = await t.http.get(`/api/audit/samples/${drawn.body.id}/report`).set(bearer(auditor));
    expect(report.body.monetaryUnit).toBeNull();
  });
});
