import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createClient, councilIds } from "../support/factories.ts";
import { startTestApp, TestClock, type TestApp } from "../support/test-app.ts";
import { bearer, drawSample, logMany, roomyScheme, type LoggedSpend } from "./audit-support.ts";

type Item = { spendId: string; reasons: string[]; stratum: "random" | "risk" };

/**
 * Calibrated trust (issue 14): a worker with a major or misuse finding in the last 12 months has
 * every spend checked, in a named stratum that /verify reproduces; a clean year returns them to
 * the random draw alone.
 */
describe("the recent-finding risk stratum", () => {
  const clock = new TestClock(new Date("2026-02-20T12:00:00Z"));
  let t: TestApp;
  let auditor: string;
  let worker: string;
  let worker2: string;
  let workerId: string;
  let schemeId: string;
  let clientOf: { worker: string; worker2: string };
  let marchOfWorker: LoggedSpend[];
  let marchSampleId: string;

  const spendsOf = async (token: string, clientId: string, spentOn: string, count: number) => logMany(t, token, { schemeId, clientId, spentOn } as { schemeId: string; clientId: string }, count);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [auditor, worker, worker2] = await Promise.all([t.tokenFor("auditor"), t.tokenFor("worker"), t.tokenFor("worker2")]);
    workerId = (await councilIds(t)).users.worker?.id as string;
    // Justifications are not what this tests: give them long enough not to pause anyone.
    schemeId = (await roomyScheme(t, { justificationDueDays: 90, graceDays: 90 })).id;
    clientOf = { worker: await createClient(t, worker), worker2: await createClient(t, worker2) };

    await spendsOf(worker, clientOf.worker, "2026-02-10", 3);
    await spendsOf(worker2, clientOf.worker2, "2026-02-10", 3);
  });
  afterAll(() => t.close());

  const finding = (sampleId: string, spendId: string, result: string) =>
    t.http.put(`/api/audit/samples/${sampleId}/items/${spendId}/finding`).set(bearer(auditor)).send({ result, notes: "Checked against the receipt." });

  it("puts every spend of a worker with a recent major finding in a named stratum; a minor finding does not", async () => {
    // February: everything is checked; the worker gets a major finding, the teammate only a minor one.
    const feb = await drawSample(t, auditor, { period: "2026-02", seed: "feb", rate: 1, riskRules: false });
    expect(feb.status, JSON.stringify(feb.body)).toBe(201);
    const febItems = feb.body.items as Item[];
    const ids = await councilIds(t);
    const owners = (await t.database.db.execute(sql`select id::text as id, worker_id::text as worker from spends where period = '2026-02'`)) as unknown as { rows: { id: string; worker: string }[] };
    const ofWorker = owners.rows.find((r) => r.worker === workerId)?.id as string;
    const ofWorker2 = owners.rows.find((r) => r.worker === ids.users.worker2?.id)?.id as string;
    expect(febItems.map((i) => i.spendId)).toEqual(expect.arrayContaining([ofWorker, ofWorker2]));
    expect((await finding(feb.body.id, ofWorker, "major")).status).toBe(200);
    expect((await finding(feb.body.id, ofWorker2, "minor")).status).toBe(200);

    // March: 12 spends each; a random part of 3 cannot hold all of the worker's by chance.
    clock.set("2026-03-20T12:00:00Z");
    marchOfWorker = await spendsOf(worker, clientOf.worker, "2026-03-10", 12);
    const marchOfWorker2 = await spendsOf(worker2, clientOf.worker2, "2026-03-10", 12);
    const march = await drawSample(t, auditor, { period: "2026-03", seed: "march", size: 3 });
    expect(march.status, JSON.stringify(march.body)).toBe(201);
    marchSampleId = march.body.id;
    const items = march.body.items as Item[];
    const stratum = items.filter((i) => i.reasons.includes("recent_finding")).map((i) => i.spendId);
    expect(new Set(stratum)).toEqual(new Set(marchOfWorker.map((s) => s.id)));
    // The teammate's minor finding does not count: none of their spends is in the stratum.
    const teammates = items.filter((i) => marchOfWorker2.some((s) => s.id === i.spendId));
    expect(teammates.some((i) => i.reasons.includes("recent_finding"))).toBe(false);
    expect(teammates.length).toBeLessThan(marchOfWorker2.length);
    expect(march.body.parameters).toMatchObject({ recentFindingWorkerIds: [workerId], recentFindingSince: "2025-03-20" });
    expect(march.body.sizeExplanation).toContain("1 worker had a major or misuse finding since 2025-03-20: every one of their 12 spends in the period is in the recent-finding stratum.");
  });

  it("names the stratum in the report, with its findings apart", async () => {
    const someSpend = marchOfWorker[0]?.id as string;
    expect((await finding(marchSampleId, someSpend, "no_issue")).status).toBe(200);
    const report = await t.http.get(`/api/audit/samples/${marchSampleId}/report`).set(bearer(auditor));
    expect(report.status).toBe(200);
    const named = (report.body.riskStrata as { reason: string; items: number; itemsReviewed: number; description: string }[]).find((s) => s.reason === "recent_finding");
    expect(named).toMatchObject({ items: 12, itemsReviewed: 1, deviations: 0 });
    expect(named?.description).toContain("major or misuse finding in the 12 months");
    const html = await t.http.get(`/api/audit/samples/${marchSampleId}/report?format=html`).set(bearer(auditor));
    expect(html.text).toContain("<h2>Risk strata</h2>");
    // In words, as people read it: the stratum's name, never its code.
    expect(html.text).toContain(`<th scope="row">Worker&#39;s recent finding</th>`);
    expect(html.text).not.toContain("recent_finding");
  });

  it("still verifies, and /verify catches a stratum that no longer holds the recorded workers' spends", async () => {
    const verify = async () => (await t.http.get(`/api/audit/samples/${marchSampleId}/verify`).set(bearer(auditor))).body;
    const ok = await verify();
    expect(ok.matches).toBe(true);
    expect(ok.riskStratum).toMatchObject({ reason: "recent_finding", workerIds: [workerId], matches: true });
    expect(ok.riskStratum.recordedItems).toEqual(ok.riskStratum.expectedItems);
    expect(ok.riskStratum.expectedItems).toHaveLength(12);

    // Quietly take one spend out of the stratum's record: the population is unchanged, the check is not.
    const dropped = ok.riskStratum.recordedItems[0] as string;
    await t.database.db.execute(sql`update audit_sample_items set reasons = array_remove(reasons, 'recent_finding') where sample_id = ${marchSampleId} and spend_id = ${dropped}`);
    const broken = await verify();
    expect(broken.populationChanged).toBe(false);
    expect(broken.riskStratum.matches).toBe(false);
    expect(broken.matches).toBe(false);
    expect(broken.explanation).toContain("recent-finding stratum");
  });

  it("a clean year returns the worker to the base rate", async () => {
    clock.set("2027-02-21T12:00:00Z");
    // A year on, last year's justifications would pause them; this is about the audit, so count them written.
    await t.database.db.execute(sql`update spends set justification_status = 'submitted'`);
    await spendsOf(worker, clientOf.worker, "2027-02-10", 6);
    await spendsOf(worker2, clientOf.worker2, "2027-02-10", 6);
    const drawn = await drawSample(t, auditor, { period: "2027-02", seed: "a year on", size: 2 });
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(201);
    expect(drawn.body.parameters.recentFindingWorkerIds).toEqual([]);
    expect((drawn.body.items as Item[]).some((i) => i.reasons.includes("recent_finding"))).toBe(false);
    expect(drawn.body.sizeExplanation).toContain("nobody is sampled above the base rate");
    expect((await t.http.get(`/api/audit/samples/${drawn.body.id}/verify`).set(bearer(auditor))).body).toMatchObject({ matches: true, riskStratum: { workerIds: [], matches: true } });
  });
});
