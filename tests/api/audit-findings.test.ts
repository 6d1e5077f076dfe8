import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNote, parseVerifierKey, signersOf } from "@greentape/log/note";
import { createClient, scalar } from "../support/factories.ts";
import { TEST_LOG_VKEY } from "../support/log.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestAccount, type TestApp } from "../support/test-app.ts";
import { bearer, drawSample, eventsOfType, expectChainVerifies, logMany, NOW, PERIOD, roomyScheme, rows, type LoggedSpend } from "./audit-support.ts";

type Item = { spendId: string; stratum: string; position: number };

describe("findings and the sample report", () => {
  let t: TestApp;
  let auditor: string;
  let worker: string;
  let spends: LoggedSpend[];
  let sampleId: string;
  let items: Item[];
  let outside: LoggedSpend;

  const findingPath = (spendId: string, sample = sampleId) => `/api/audit/samples/${sample}/items/${spendId}/finding`;
  const putFinding = (token: string, spendId: string, body: object, sample = sampleId) => t.http.put(findingPath(spendId, sample)).set(bearer(token)).send(body);
  const report = (format?: string) => t.http.get(`/api/audit/samples/${sampleId}/report${format ? `?format=${format}` : ""}`).set(bearer(auditor));

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date(NOW)) });
    [auditor, worker] = await Promise.all([t.tokenFor("auditor"), t.tokenFor("worker")]);
    const schemeId = (await roomyScheme(t)).id;
    const clientId = await createClient(t, worker);
    spends = await logMany(t, worker, { schemeId, clientId }, 60);
    const res = await drawSample(t, auditor, { period: PERIOD, seed: "findings", size: 59, riskRules: false });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    sampleId = res.body.id;
    items = res.body.items;
    const drawn = new Set(items.map((i) => i.spendId));
    outside = spends.find((s) => !drawn.has(s.id)) as LoggedSpend;
  });
  afterAll(() => t.close());

  it("lets nobody but the auditor record a finding, and writes nothing when refused", async () => {
    const spendId = items[0]?.spendId as string;
    const roles: TestAccount[] = ["worker", "worker2", "worker3", "supervisor", "supervisor2", "finance", "admin"];
    const tokens = await Promise.all(roles.map((role) => t.tokenFor(role)));
    const events = await scalar<number>(t, sql`select count(*)::int as value from events`);
    for (const token of tokens) expectProblem(await putFinding(token, spendId, { result: "no_issue" }), 403);
    expectProblem(await t.http.put(findingPath(spendId)).send({ result: "no_issue" }), 401);
    expect(await scalar<number>(t, sql`select count(*)::int as value from audit_sample_items where result is not null`)).toBe(0);
    expect(await scalar<number>(t, sql`select count(*)::int as value from events`)).toBe(events);
  });

  it("refuses bad findings with a problem naming the field, and spends outside the sample with 404", async () => {
    const spendId = items[0]?.spendId as string;
    expectProblem(await putFinding(auditor, spendId, { result: "great" }), 400, { field: "result" });
    expectProblem(await putFinding(auditor, spendId, {}), 400, { field: "result" });
    expectProblem(await putFinding(auditor, spendId, { result: "major" }), 400, { field: "notes" });
    expectProblem(await putFinding(auditor, spendId, { result: "major", notes: "   " }), 400, { field: "notes" });
    expectProblem(await putFinding(auditor, spendId, { result: "no_issue", notes: "bad\u0000byte" }), 400, { field: "notes" });
    expectProblem(await putFinding(auditor, spendId, { result: "no_issue", notes: "x".repeat(4001) }), 400, { field: "notes" });
    expectProblem(await putFinding(auditor, outside.id, { result: "no_issue" }), 404);
    expectProblem(await putFinding(auditor, spendId, { result: "no_issue" }, "00000000-0000-4000-8000-000000000000"), 404);
    expectProblem(await putFinding(auditor, "nope", { result: "no_issue" }), 400, { field: "spendId" });
    expect(await scalar<number>(t, sql`select count(*)::int as value from audit_sample_items where result is not null`)).toBe(0);
  });

  it("records a finding, moves the spend's audit track and logs it", async () => {
    const spendId = items[0]?.spendId as string;
    const res = await putFinding(auditor, spendId, { result: "no_issue", notes: "Receipt and justification agree." });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      spendId,
      stratum: "random",
      position: 1,
      finding: { result: "no_issue", notes: "Receipt and justification agree.", recordedBy: { name: "Alex Morgan" }, recordedAt: new Date(NOW).toISOString() },
      spend: { id: spendId, auditStatus: "finding_recorded" },
    });
    const detail = await t.http.get(`/api/spends/${spendId}`).set(bearer(auditor));
    expect(detail.body.auditStatus).toBe("finding_recorded");
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toContain("audit.finding_recorded");
    const logged = (await eventsOfType(t, "audit.finding_recorded")).filter((e) => e.subject_id === spendId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ subject_type: "spend", data: { sampleId, result: "no_issue", previousResult: null, auditStatus: "finding_recorded" } });
    // Notes are narrative: they stay out of the event log.
    expect(JSON.stringify(logged[0]?.data)).not.toContain("Receipt and justification agree");
  });

  // 59 of the month's 60 spends, drawn without replacement: the exact hypergeometric bound (by hand:
  // with D = 1 deviant spend, P(none drawn) = 1/60 <= 5%, so 0 in 59 bounds D at 0; with D = 2,
  // P(at most one drawn) = 1 − (59·58)/(60·59) = 2/60 <= 5%, so 1 in 59 bounds D at 1, i.e. 1/60).
  // The binomial, which ignores that only one spend went unchecked, would say 4.95% and 7.8%.
  it("reports 0 deviations in 59 of 60 as an upper limit of 0%, and 1 in 59 as 1 in 60", async () => {
    for (const item of items) expect((await putFinding(auditor, item.spendId, { result: "no_issue" })).status).toBe(200);
    const clean = await report();
    expect(clean.status).toBe(200);
    expect(clean.body).toMatchObject({ items: 59, itemsReviewed: 59, deviations: 0, deviationRate: 0, confidence: 0.95, complete: true, byResult: { no_issue: 59, minor: 0, major: 0, misuse_suspected: 0 } });
    expect(clean.body.upperDeviationLimit).toBe(0);
    expect(clean.body.upperLimitMethod).toBe("hypergeometric");
    expect(clean.body.byStratum.random).toMatchObject({ items: 59, itemsReviewed: 59, deviations: 0 });
    expect(clean.body.byStratum.risk).toMatchObject({ items: 0, itemsReviewed: 0, deviationRate: null });
    expect(clean.body.statement).toContain("no more than 0% of the 60 spends in March 2026");
    expect(clean.body.deviationDefinition).toMatch(/minor, major or misuse suspected/);
    expect(clean.body.sample).toMatchObject({ id: sampleId, seed: "findings", populationSize: 60, parameters: { size: 59 } });

    const amended = await putFinding(auditor, items[1]?.spendId as string, { result: "misuse_suspected", notes: '=HYPERLINK("http://evil.example","<b>click</b>")' });
    expect(amended.status).toBe(200);
    const one = await report();
    expect(one.body).toMatchObject({ itemsReviewed: 59, deviations: 1, byResult: { no_issue: 58, misuse_suspected: 1 } });
    expect(one.body.deviationRate).toBeCloseTo(1 / 59, 10);
    expect(one.body.upperDeviationLimit).toBe(1 / 60);
    const amendment = (await eventsOfType(t, "audit.finding_recorded")).filter((e) => e.subject_id === items[1]?.spendId).at(-1);
    expect(amendment?.data).toMatchObject({ result: "misuse_suspected", previousResult: "no_issue" });

    const list = await t.http.get("/api/audit/samples").set(bearer(auditor));
    expect(list.body.items.find((s: { id: string }) => s.id === sampleId)).toMatchObject({ itemCount: 59, findingCount: 59 });
  });

  it("downloads the report as a CSV that parses, with formula cells defused", async () => {
    const res = await report("csv");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="audit-sample-2026-03-.+\.csv"$/);
    const records = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(59);
    expect(records.map((r) => r.spend_id)).toEqual(items.map((i) => i.spendId));
    const flagged = records.find((r) => r.spend_id === items[1]?.spendId);
    expect(flagged).toMatchObject({ result: "misuse_suspected", deviation: "yes", stratum: "random", reasons: "random", recorded_by: "Alex Morgan" });
    expect(flagged?.notes).toBe(`'=HYPERLINK("http://evil.example","<b>click</b>")`);
    const spend = spends.find((s) => s.id === records[0]?.spend_id);
    expect(records[0]?.amount).toBe(((spend?.amount ?? 0) / 100).toFixed(2));
    expect(records.every((r) => !/^[=+\-@\t\r]/.test(Object.values(r).join("")))).toBe(true);
  });

  it("renders a printable HTML report with every value escaped and no script", async () => {
    const res = await report("html");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.text).toMatch(/^<!doctype html>/);
    expect(res.text).toContain("Audit sample report, March 2026");
    expect(res.text).toContain("&lt;b&gt;click&lt;/b&gt;");
    expect(res.text).not.toContain("<b>click</b>");
    expect(res.text).not.toMatch(/<script/i);
    expect(res.text).toContain("no more than 1.67% of the 60 spends in March 2026");
    // The log's checkpoint at the draw, signed with its key, printed for whoever keeps the report.
    const { logCheckpoint } = (await report()).body.sample as { logCheckpoint: string };
    expect(signersOf(parseNote(logCheckpoint), [parseVerifierKey(TEST_LOG_VKEY)])).toHaveLength(1);
    expect(res.text).toContain(`<pre class="checkpoint">${logCheckpoint}</pre>`);
    expectProblem(await report("pdf"), 400, { field: "format" });
  });

  /**
   * A spend's page once every event on its timeline is sealed. The log seals in the background
   * (in batches at most every 250 ms), so a seal landing between two reads is not taken for a change.
   */
  async function sealedSpend(spendId: string, token: string) {
    let page = await t.http.get(`/api/spends/${spendId}`).set(bearer(token));
    for (let wait = 0; (page.body.timeline as { logIndex: number | null }[]).some((e) => e.logIndex === null) && wait < 100; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      page = await t.http.get(`/api/spends/${spendId}`).set(bearer(token));
    }
    return page;
  }

  it("refuses to void a spend with a finding: 409 under-audit, the spend untouched, nothing logged", async () => {
    const spendId = items[1]?.spendId as string;
    const admin = await t.tokenFor("admin");
    const before = await sealedSpend(spendId, worker);
    const written = () => Promise.all([sql`select count(*)::int as value from events`, sql`select count(*)::int as value from spends where voided_at is not null`, sql`select count(*)::int as value from reversals`].map((q) => scalar<number>(t, q)));
    const unchanged = await written();
    for (const token of [worker, admin]) {
      const res = await t.http.post(`/api/spends/${spendId}/void`).set(bearer(token)).send({ reason: "Logged against the wrong client" });
      expectProblem(res, 409, { typeEndsWith: "under-audit" });
    }
    expect((await t.http.get(`/api/spends/${spendId}`).set(bearer(worker))).body).toEqual(before.body);
    expect(await written()).toEqual(unchanged);
    // A spend no auditor has a finding on still voids as before.
    const voided = await t.http.post(`/api/spends/${outside.id}/void`).set(bearer(worker)).send({ reason: "Logged twice by mistake" });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    expect(voided.body.voided).toBe(true);
  });

  it("leaves the auditor read-only on spends", async () => {
    const spendId = items[2]?.spendId as string;
    const before = await sealedSpend(spendId, auditor);
    const count = await scalar<number>(t, sql`select count(*)::int as value from spends`);
    const schemeId = before.body.schemeId as string;
    const attempts = [
      t.http.post("/api/spends").set(bearer(auditor)).set("Idempotency-Key", "auditor-try").send({ schemeId, clientId: before.body.clientId, amount: 100, category: "Travel", payee: "X", paymentMethod: "other", spentOn: "2026-03-10" }),
      t.http.post(`/api/spends/${spendId}/void`).set(bearer(auditor)).send({ reason: "Auditor trying to void" }),
      t.http.put(`/api/spends/${spendId}/justification`).set(bearer(auditor)).send({ narrative: "An auditor writing a justification is not allowed at all.", intendedOutcome: "None" }),
      t.http.post(`/api/spends/${spendId}/reviews`).set(bearer(auditor)).send({ decision: "endorse" }),
      t.http.put(`/api/spends/${spendId}/follow-up`).set(bearer(auditor)).send({ contactedOn: "2026-03-15", method: "phone", outcome: "helped_a_lot" }),
      t.http.post(`/api/spends/${spendId}/receipt-lost`).set(bearer(auditor)).send({ description: "Coat", reason: "Lost it" }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect([403, 404], `${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    const after = await t.http.get(`/api/spends/${spendId}`).set(bearer(auditor));
    expect(after.body).toEqual(before.body);
    expect(await scalar<number>(t, sql`select count(*)::int as value from spends`)).toBe(count);
    await expectChainVerifies(t, auditor);
  });
});

describe("the upper limit over a month whose size is known", () => {
  let t: TestApp;
  afterAll(() => t.close());

  it("reports 2 problems in 7 of 7 spends as exactly 2 in 7, not the binomial's 65.87%", async () => {
    t = await startTestApp({ clock: new TestClock(new Date(NOW)) });
    const [auditor, worker] = await Promise.all([t.tokenFor("auditor"), t.tokenFor("worker")]);
    const clientId = await createClient(t, worker);
    await logMany(t, worker, { schemeId: (await roomyScheme(t)).id, clientId }, 7);
    const drawn = await drawSample(t, auditor, { period: PERIOD, seed: "seven", size: 7, riskRules: false });
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(201);
    const spendIds = (drawn.body.items as Item[]).map((i) => i.spendId);
    expect(spendIds).toHaveLength(7);
    for (const [i, spendId] of spendIds.entries()) {
      const body = i < 2 ? { result: "major", notes: "No receipt and no justification." } : { result: "no_issue" };
      expect((await t.http.put(`/api/audit/samples/${drawn.body.id}/items/${spendId}/finding`).set(bearer(auditor)).send(body)).status).toBe(200);
    }
    const res = await t.http.get(`/api/audit/samples/${drawn.body.id}/report`).set(bearer(auditor));
    expect(res.status).toBe(200);
    // ../shared/reference/proportion-intervals.json, hypergeometricUpper95 { N: 7, n: 7, k: 2 }: 2 (2/7);
    // the binomial (Clopper–Pearson) would give 0.658739.
    expect(res.body).toMatchObject({ itemsReviewed: 7, deviations: 2, upperLimitMethod: "hypergeometric", upperDeviationLimit: 2 / 7 });
    expect(res.body.statement).toBe("Every one of the 7 spends in March 2026 was checked: 2 (28.57%) deviate.");
  });
});

/**
 * The working papers are read by people who know staff by name: the sample, the queue and the CSV
 * name each spend's worker, team and client reference beside the ids, and the printable report is
 * in words with its instants in the council's time zone (here Auckland, 13 hours ahead in March,
 * so the draw at noon UTC on the 20th is 1am on the 21st there).
 */
describe("working papers with names, words and local dates", () => {
  let t: TestApp;
  let auditor: string;
  let sampleId: string;
  let spendIds: string[];
  const clientReference = "C-PAPERS-01";

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date(NOW)), env: { TIME_ZONE: "Pacific/Auckland" } });
    const [auditorToken, worker] = await Promise.all([t.tokenFor("auditor"), t.tokenFor("worker")]);
    auditor = auditorToken;
    const schemeId = (await roomyScheme(t)).id;
    const clientId = await createClient(t, worker, clientReference);
    spendIds = (await logMany(t, worker, { schemeId, clientId }, 3)).map((s) => s.id);
    const res = await drawSample(t, auditor, { period: PERIOD, seed: "papers", size: 3, riskRules: false });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    sampleId = res.body.id;
  });
  afterAll(() => t.close());

  async function peopleOf(spendId: string) {
    const [row] = await rows<{ worker_id: string; worker: string; team_id: string; team: string; client_id: string; reference: string }>(
      t,
      sql`select u.id::text as worker_id, u.name as worker, tm.id::text as team_id, tm.name as team, c.id::text as client_id, c.reference
          from spends s join users u on u.id = s.worker_id join teams tm on tm.id = s.team_id join clients c on c.id = s.client_id where s.id = ${spendId}`,
    );
    if (!row) throw new Error("no such spend");
    return { worker: { id: row.worker_id, name: row.worker }, team: { id: row.team_id, name: row.team }, client: { id: row.client_id, reference: row.reference } };
  }

  it("names the worker, team and client of every item in the sample and the queue", async () => {
    const expected = await peopleOf(spendIds[0] as string);
    expect(expected.client.reference).toBe(clientReference);
    const detail = await t.http.get(`/api/audit/samples/${sampleId}`).set(bearer(auditor));
    expect(detail.status).toBe(200);
    expect(detail.body.items).toHaveLength(3);
    for (const item of detail.body.items) expect(item).toMatchObject(expected);
    const queue = await t.http.get("/api/audit/queue").set(bearer(auditor));
    const open = queue.body.openItems.filter((i: { sampleId: string }) => i.sampleId === sampleId);
    expect(open).toHaveLength(3);
    for (const item of open) expect(item).toMatchObject(expected);
  });

  it("puts the names in the CSV beside the ids, and words and local dates in the printable report", async () => {
    const [first, second] = (await t.http.get(`/api/audit/samples/${sampleId}`).set(bearer(auditor))).body.items as { spendId: string }[];
    const put = (spendId: string, body: object) => t.http.put(`/api/audit/samples/${sampleId}/items/${spendId}/finding`).set(bearer(auditor)).send(body);
    expect((await put(first?.spendId as string, { result: "no_issue" })).status).toBe(200);
    expect((await put(second?.spendId as string, { result: "misuse_suspected", notes: "Payee is the worker's relative" })).status).toBe(200);
    const expected = await peopleOf(first?.spendId as string);

    const csv = await t.http.get(`/api/audit/samples/${sampleId}/report?format=csv`).set(bearer(auditor));
    const records = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual(expect.arrayContaining(["worker_id", "worker_name", "team_name", "client_id", "client_reference"]));
    const columns = Object.keys(records[0] ?? {});
    expect(columns.indexOf("worker_name")).toBe(columns.indexOf("worker_id") + 1);
    expect(columns.indexOf("client_reference")).toBe(columns.indexOf("client_id") + 1);
    for (const record of records) {
      expect(record).toMatchObject({ worker_id: expected.worker.id, worker_name: expected.worker.name, team_name: expected.team.name, client_id: expected.client.id, client_reference: clientReference });
    }
    // The CSV is for processing: it keeps the result codes.
    expect(records.find((r) => r.spend_id === second?.spendId)?.result).toBe("misuse_suspected");

    const html = (await t.http.get(`/api/audit/samples/${sampleId}/report?format=html`).set(bearer(auditor))).text;
    for (const code of ["no_issue", "misuse_suspected", ">random<", ">risk<", "(default)", "2026-03-20T12:00:00"]) expect(html, code).not.toContain(code);
    expect(html).toContain("<title>Audit sample report, March 2026</title>");
    expect(html).toContain("drawn 21 March 2026 at 1:00am.");
    expect(html).toContain('<th scope="row">Misuse suspected</th>');
    expect(html).toContain("<td>Misuse suspected</td>");
    expect(html).toContain("<td>No issue</td>");
    expect(html).toContain("<td>Awaiting a finding</td>");
    expect(html).toContain("<td>10 March 2026</td>");
    expect(html).toContain(`<td>${expected.worker.name}<br>${expected.team.name.replaceAll("'", "&#39;")}</td><td>${clientReference}</td>`);
    expect(html).toContain("judged on 21 March 2026");
  });
});
