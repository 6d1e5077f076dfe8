import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RISK_FLAGS, RISK_REASONS } from "@greentape/domain/risk-strata";
import { createClient } from "../support/factories.ts";
import { startTestApp, TestClock, type TestApp } from "../support/test-app.ts";
import { bearer, drawSample, expectChainVerifies, logMany, logSpend, NOW, PERIOD, roomyScheme, type LoggedSpend } from "./audit-support.ts";

type Item = { spendId: string; reason: string; reasons: string[]; stratum: "random" | "risk"; position: number };

/**
 * Risk strata: spends someone already worried about are in every sample of their period, whatever
 * the random draw, each with all of its reasons.
 */
describe("risk strata", () => {
  const clock = new TestClock(new Date(NOW));
  let t: TestApp;
  let auditor: string;
  let worker: string;
  let schemeId: string;
  let ordinary: LoggedSpend[];
  let concern: LoggedSpend;
  let splitFirst: LoggedSpend;
  let splitSecond: LoggedSpend;
  let duplicate: LoggedSpend;
  let receiptLost: LoggedSpend;
  let large: LoggedSpend;
  /** The reasons each special spend must carry (before any justification is overdue). */
  let expected: Map<string, string[]>;

  /** Flags raised at logging that are risk reasons, plus the reasons the test arranged. */
  function reasonsFor(spend: LoggedSpend, arranged: string[]): string[] {
    const all = new Set([...RISK_FLAGS.filter((f) => spend.flags.includes(f)), ...arranged]);
    return RISK_REASONS.filter((r) => all.has(r));
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const [supervisor, worker2] = await Promise.all([t.tokenFor("supervisor"), t.tokenFor("worker2")]);
    [auditor, worker] = await Promise.all([t.tokenFor("auditor"), t.tokenFor("worker")]);
    schemeId = (await roomyScheme(t, { auditSettings: { topStratumAmount: 7_000, tolerableRate: 0.1 } })).id;
    const [c1, c2, c3, c4, c5] = await Promise.all([1, 2, 3, 4, 5].map(() => createClient(t, worker)));
    if (!c1 || !c2 || !c3 || !c4 || !c5) throw new Error("clients were not created");

    ordinary = await logMany(t, worker, { schemeId, clientId: c1, category: "Food and essentials" }, 25);

    concern = await logSpend(t, worker, { schemeId, clientId: c2, amount: 1_500, payee: "Go North East" });
    const justified = await t.http
      .put(`/api/spends/${concern.id}/justification`)
      .set(bearer(worker))
      .send({ narrative: "Bus pass so the client could get to three job interviews this week.", intendedOutcome: "Attends the interviews" });
    expect(justified.status, JSON.stringify(justified.body)).toBe(200);
    const reviewed = await t.http.post(`/api/spends/${concern.id}/reviews`).set(bearer(supervisor)).send({ decision: "concern", comment: "Third bus pass this month for this client." });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(201);

    // Two halves of one purchase, together over the £75 per-spend cap.
    splitFirst = await logSpend(t, worker, { schemeId, clientId: c3, amount: 5_000, payee: "Corner Shop", spentOn: "2026-03-05" });
    splitSecond = await logSpend(t, worker, { schemeId, clientId: c3, amount: 5_000, payee: "Corner Shop", spentOn: "2026-03-06" });
    expect(splitSecond.flags).toContain("split_pattern");

    // The same client, amount, payee and date, logged by two workers.
    await logSpend(t, worker, { schemeId, clientId: c4, amount: 1_234, payee: "Go North East", spentOn: "2026-03-07" });
    duplicate = await logSpend(t, worker2, { schemeId, clientId: c4, amount: 1_234, payee: "Go North East", spentOn: "2026-03-07" });
    expect(duplicate.flags).toContain("possible_duplicate");

    receiptLost = await logSpend(t, worker, { schemeId, clientId: c5, amount: 2_000, payee: "Go North East" });
    const lost = await t.http.post(`/api/spends/${receiptLost.id}/receipt-lost`).set(bearer(worker)).send({ description: "Winter coat", reason: "The till receipt blew away at the bus stop" });
    expect(lost.status, JSON.stringify(lost.body)).toBe(201);

    large = await logSpend(t, worker, { schemeId, clientId: c5, amount: 7_200, payee: "Go North East", spentOn: "2026-03-11" });

    expected = new Map([
      [concern.id, reasonsFor(concern, ["concern"])],
      [splitSecond.id, reasonsFor(splitSecond, [])],
      [duplicate.id, reasonsFor(duplicate, [])],
      [receiptLost.id, reasonsFor(receiptLost, ["receipt_lost"])],
      [large.id, reasonsFor(large, ["top_stratum"])],
    ]);
    // Ordinary spends may carry a risk flag of their own (the team's first payment to a payee is new_payee).
    for (const s of [...ordinary, splitFirst]) {
      const reasons = reasonsFor(s, []);
      if (reasons.length > 0) expected.set(s.id, reasons);
    }
  });
  afterAll(() => t.close());

  it("puts every concern, flagged, receipt-lost and top-stratum spend in a sample of size 1, each with all its reasons", async () => {
    const res = await drawSample(t, auditor, { period: PERIOD, size: 1, seed: "size-one" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const items = res.body.items as Item[];
    expect(items.filter((i) => i.stratum === "random")).toHaveLength(1);
    expect(items[0]).toMatchObject({ stratum: "random", position: 1, reason: "random" });

    const got = new Map(items.map((i) => [i.spendId, i.reasons.filter((r) => r !== "random")]));
    for (const [spendId, reasons] of expected) expect(got.get(spendId), spendId).toEqual(reasons);
    // Nothing else is in the risk stratum, and a risk item's first reason is its `reason`.
    const risk = items.filter((i) => i.stratum === "risk");
    expect(new Set(risk.map((i) => i.spendId))).toEqual(new Set([...expected.keys()].filter((id) => id !== items[0]?.spendId)));
    for (const item of risk) expect(item.reason).toBe(item.reasons[0]);
    expect(items.map((i) => i.position)).toEqual(items.map((_, k) => k + 1));
    expect(res.body.sizeExplanation).toContain(`Risk rules added ${risk.length} spend`);

    // The scheme's audit settings applied: its tolerable rate and its top-stratum amount.
    expect(res.body.parameters).toMatchObject({ tolerableRate: 0.1, tolerableRateSource: "scheme", topStratumAmount: null, riskRules: true });

    for (const spendId of [concern.id, receiptLost.id]) {
      const spend = await t.http.get(`/api/spends/${spendId}`).set(bearer(auditor));
      expect(spend.body.auditStatus).toBe("sampled");
    }
  });

  it("takes the top-stratum amount from the request over the scheme's", async () => {
    const res = await drawSample(t, auditor, { period: PERIOD, size: 1, seed: "size-one", topStratumAmount: 5_000 });
    const reasons = new Map((res.body.items as Item[]).map((i) => [i.spendId, i.reasons]));
    expect(reasons.get(splitFirst.id)).toContain("top_stratum");
    expect(reasons.get(splitSecond.id)).toEqual(expect.arrayContaining(["split_pattern", "top_stratum"]));
    expect(reasons.get(large.id)).toContain("top_stratum");
    expect(res.body.parameters.topStratumAmount).toBe(5_000);
  });

  it("leaves the risk strata out when riskRules is false", async () => {
    const res = await drawSample(t, auditor, { period: PERIOD, size: 2, seed: "no-risk", riskRules: false });
    expect(res.body.items).toHaveLength(2);
    expect((res.body.items as Item[]).every((i) => i.stratum === "random" && i.reasons.join() === "random")).toBe(true);
    expect(res.body.sizeExplanation).toContain("Risk rules were switched off");
  });

  it("shows concerns and items awaiting a finding in the auditor's queue, until a finding answers them", async () => {
    const admin = await t.tokenFor("admin");
    const queue = await t.http.get("/api/audit/queue").set(bearer(admin));
    expect(queue.status).toBe(200);
    expect(queue.body.concerns.map((s: { id: string }) => s.id)).toEqual([concern.id]);
    // The concern may also sit in the no-risk sample as a random draw (spend ids are random), so
    // look for the item a risk rule put there rather than the queue's first for this spend.
    const open = queue.body.openItems.filter((i: { spendId: string; reasons: string[] }) => i.spendId === concern.id && i.reasons.includes("concern"));
    expect(open.length).toBeGreaterThan(0);
    expect(open[0]).toMatchObject({ spend: { id: concern.id, justificationStatus: "concern" } });

    const { sampleId } = open[0] as { sampleId: string };
    const finding = await t.http.put(`/api/audit/samples/${sampleId}/items/${concern.id}/finding`).set(bearer(auditor)).send({ result: "minor", notes: "Three passes were needed: interviews on three days." });
    expect(finding.status, JSON.stringify(finding.body)).toBe(200);
    const after = await t.http.get("/api/audit/queue").set(bearer(auditor));
    expect(after.body.concerns).toEqual([]);
    expect(after.body.openItems.some((i: { sampleId: string; spendId: string }) => i.sampleId === sampleId && i.spendId === concern.id)).toBe(false);
    expect(after.body.openItems.length).toBe(queue.body.openItems.length - 1);
  });

  it("adds spends whose justification is overdue by more than the set days", async () => {
    // Justifications fell due 7 days after logging (2026-03-27); by 2026-04-11 they are 15 days late.
    clock.set("2026-04-11T09:00:00Z");
    const late = await drawSample(t, auditor, { period: PERIOD, size: 1, seed: "late" });
    const reasons = new Map((late.body.items as Item[]).map((i) => [i.spendId, i.reasons]));
    for (const s of [...ordinary, splitFirst, receiptLost]) expect(reasons.get(s.id), s.id).toContain("justification_overdue");
    // The concern's justification was submitted: not late.
    expect(reasons.get(concern.id)).not.toContain("justification_overdue");
    expect(late.body.parameters).toMatchObject({ overdueDays: 14, drawnOn: "2026-04-11" });

    const lenient = await drawSample(t, auditor, { period: PERIOD, size: 1, seed: "late", overdueDays: 30 });
    expect((lenient.body.items as Item[]).some((i) => i.reasons.includes("justification_overdue"))).toBe(false);
    await expectChainVerifies(t, auditor);
  });
});
