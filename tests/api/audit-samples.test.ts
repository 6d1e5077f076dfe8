import { sql } from "drizzle-orm";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@greentape/db/client";
import { attributeSampleSize } from "@greentape/domain/statistics";
import { buildApp } from "../../apps/api/src/app.ts";
import { createClient, scalar } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestAccount, type TestApp } from "../support/test-app.ts";
import { bearer, digestByHand, drawSample, eventsOfType, expectChainVerifies, logMany, logSpend, NOW, PERIOD, population, rivestByHand, roomyScheme } from "./audit-support.ts";

type Item = { spendId: string; reason: string; reasons: string[]; stratum: string; position: number };
const randomIds = (items: Item[]) => items.filter((i) => i.stratum === "random").map((i) => i.spendId);

describe("drawing an audit sample", () => {
  const clock = new TestClock(new Date(NOW));
  let t: TestApp;
  let auditor: string;
  let worker: string;
  let schemeId: string;
  let clientId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [auditor, worker] = await Promise.all([t.tokenFor("auditor"), t.tokenFor("worker")]);
    schemeId = (await roomyScheme(t)).id;
    clientId = await createClient(t, worker);
    await logMany(t, worker, { schemeId, clientId }, 80);
  });
  afterAll(() => t.close());

  it("records the seed, parameters, algorithm, digest and population, and picks exactly Rivest's spends", async () => {
    const res = await drawSample(t, auditor, { period: PERIOD, seed: "2026-03 audit, dice 31415926", size: 12, riskRules: false });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const sample = res.body;
    expect(sample).toMatchObject({
      period: PERIOD,
      seed: "2026-03 audit, dice 31415926",
      method: "random",
      algorithmVersion: "rivest-sha256-distinct/1",
      populationSize: 80,
      parameters: { size: 12, sizeBasis: "size", riskRules: false, confidence: 0.95, tolerableRate: 0.05 },
    });
    expect(sample.algorithm).toMatch(/Rivest/);
    expect(sample.sizeExplanation).toMatch(/^12 spends of the 80 spends in 2026-03/);

    // Recomputed here from the published description, not with the app's code.
    const pop = await population(t, PERIOD);
    expect(sample.datasetDigest).toBe(digestByHand(pop));
    const expected = rivestByHand(sample.seed, pop.length, 12).map((k) => pop[k - 1]?.id);
    expect(sample.items.map((i: Item) => i.spendId)).toEqual(expected);
    expect(sample.items.map((i: Item) => i.position)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(sample.items.every((i: Item) => i.stratum === "random" && i.reason === "random" && i.reasons.length === 1)).toBe(true);

    // Stored, the spends' audit tracks moved, and the draw is in the event log.
    expect(await scalar<number>(t, sql`select count(*)::int as value from audit_sample_items where sample_id = ${sample.id}`)).toBe(12);
    const detail = await t.http.get(`/api/spends/${expected[0]}`).set(bearer(auditor));
    expect(detail.body.auditStatus).toBe("sampled");
    const drawn = (await eventsOfType(t, "audit.sample_drawn")).find((e) => e.subject_id === sample.id);
    expect(drawn).toMatchObject({ subject_type: "audit_sample", data: { period: PERIOD, seed: sample.seed, datasetDigest: sample.datasetDigest, randomSpendIds: expected } });
    await expectChainVerifies(t, auditor);
  });

  it("gives the same sample for the same seed, parameters and data, and a different one for another seed", async () => {
    const body = { period: PERIOD, seed: "repeatable-seed-1", size: 10, riskRules: false };
    const first = await drawSample(t, auditor, body);
    const second = await drawSample(t, auditor, body);
    const other = await drawSample(t, auditor, { ...body, seed: "repeatable-seed-2" });
    expect(first.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.items).toEqual(first.body.items);
    expect(second.body.datasetDigest).toBe(first.body.datasetDigest);
    expect(randomIds(other.body.items)).not.toEqual(randomIds(first.body.items));
  });

  it("draws a seed of at least 128 bits when none is given, and records it", async () => {
    const a = await drawSample(t, auditor, { period: PERIOD, size: 3, riskRules: false });
    const b = await drawSample(t, auditor, { period: PERIOD, size: 3, riskRules: false });
    expect(a.status).toBe(201);
    expect(a.body.seed).toMatch(/^[0-9a-f]{32,}$/);
    expect(b.body.seed).not.toBe(a.body.seed);
    expect(await scalar<string>(t, sql`select seed as value from audit_samples where id = ${a.body.id}`)).toBe(a.body.seed);
    const pop = await population(t, PERIOD);
    expect(randomIds(a.body.items)).toEqual(rivestByHand(a.body.seed, pop.length, 3).map((k) => pop[k - 1]?.id));
  });

  it("sizes by attribute sampling for the population by default, by rate rounded up, and never beyond the population", async () => {
    const byDefault = await drawSample(t, auditor, { period: PERIOD, riskRules: false });
    const expectedSize = attributeSampleSize({ confidence: 0.95, tolerableRate: 0.05, expectedDeviations: 0, populationSize: 80 });
    expect(byDefault.body.parameters).toMatchObject({ size: expectedSize, sizeBasis: "attribute", tolerableRateSource: "default" });
    expect(byDefault.body.items).toHaveLength(expectedSize);
    expect(byDefault.body.sizeExplanation).toContain(`${expectedSize} spends: if 5% or more of the 80 spends in 2026-03 had a problem`);

    const tenPercent = await drawSample(t, auditor, { period: PERIOD, tolerableRate: 0.1, riskRules: false });
    expect(tenPercent.body.items).toHaveLength(attributeSampleSize({ tolerableRate: 0.1, populationSize: 80 }));
    expect(tenPercent.body.parameters.tolerableRateSource).toBe("request");

    const byRate = await drawSample(t, auditor, { period: PERIOD, rate: 0.05, riskRules: false });
    expect(byRate.body.items).toHaveLength(4);
    expect(byRate.body.parameters).toMatchObject({ sizeBasis: "rate", rate: 0.05 });

    const tooMany = await drawSample(t, auditor, { period: PERIOD, size: 500, riskRules: false });
    expect(tooMany.body.items).toHaveLength(80);
    expect(new Set(randomIds(tooMany.body.items)).size).toBe(80);
  });

  it("draws by monetary unit, and verifies it", async () => {
    const res = await drawSample(t, auditor, { period: PERIOD, method: "monetary_unit", seed: "mus-1", size: 8, riskRules: false });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ method: "monetary_unit", algorithmVersion: "mus-sha256-fixed-interval/1" });
    const items = randomIds(res.body.items);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(8);
    // Picked in id order: the order the hit points walk the population.
    expect([...items].sort()).toEqual(items);
    const verify = await t.http.get(`/api/audit/samples/${res.body.id}/verify`).set(bearer(auditor));
    expect(verify.body).toMatchObject({ matches: true, populationChanged: false, expectedItems: items });
  });

  it("lists samples newest first for auditors and admins, and shows one with its items, spends and findings", async () => {
    const admin = await t.tokenFor("admin");
    clock.advance(60_000);
    const drawn = await drawSample(t, auditor, { period: PERIOD, seed: "listed", size: 2, riskRules: false });
    const list = await t.http.get("/api/audit/samples?limit=1").set(bearer(admin));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: drawn.body.id, itemCount: 2, findingCount: 0, seed: "listed" });
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const next = await t.http.get(`/api/audit/samples?limit=1&cursor=${list.body.nextCursor}`).set(bearer(admin));
    expect(next.body.items[0].id).not.toBe(drawn.body.id);

    const one = await t.http.get(`/api/audit/samples/${drawn.body.id}`).set(bearer(auditor));
    expect(one.status).toBe(200);
    expect(one.body.items).toHaveLength(2);
    expect(one.body.items[0]).toMatchObject({ spendId: drawn.body.items[0].spendId, finding: null, spend: { id: drawn.body.items[0].spendId, period: PERIOD, auditStatus: "sampled" } });

    expectProblem(await t.http.get("/api/audit/samples/00000000-0000-4000-8000-000000000000").set(bearer(auditor)), 404);
    expectProblem(await t.http.get("/api/audit/samples/not-a-uuid").set(bearer(auditor)), 400, { field: "id" });
    expectProblem(await t.http.get("/api/audit/samples?period=March").set(bearer(auditor)), 400, { field: "period" });
  });

  it("refuses bad requests with a problem naming the field, and writes nothing", async () => {
    const before = await scalar<number>(t, sql`select count(*)::int as value from audit_samples`);
    const events = await scalar<number>(t, sql`select count(*)::int as value from events`);
    expectProblem(await drawSample(t, auditor, { period: "2026-13" }), 400, { field: "period" });
    expectProblem(await drawSample(t, auditor, { period: "March" }), 400, { field: "period" });
    expectProblem(await drawSample(t, auditor, {}), 400, { field: "period" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, size: 0 }), 400, { field: "size" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, size: 2.5 }), 400, { field: "size" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, rate: 0 }), 400, { field: "rate" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, rate: 1.5 }), 400, { field: "rate" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, size: 5, rate: 0.5 }), 400, { field: "rate" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, method: "systematic" }), 400, { field: "method" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, tolerableRate: 1 }), 400, { field: "tolerableRate" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, seed: "" }), 400, { field: "seed" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, seed: "a\u0000b" }), 400, { field: "seed" });
    expectProblem(await drawSample(t, auditor, { period: PERIOD, topStratumAmount: 12.5 }), 400, { field: "topStratumAmount" });

    const empty = await drawSample(t, auditor, { period: "2025-06" });
    expectProblem(empty, 422, { typeEndsWith: "empty-population" });
    expect(empty.body.detail).toContain("2025-06");

    expect(await scalar<number>(t, sql`select count(*)::int as value from audit_samples`)).toBe(before);
    expect(await scalar<number>(t, sql`select count(*)::int as value from events`)).toBe(events);
  });

  it("lets only auditors draw, and only auditors and admins read samples", async () => {
    const sampleId = (await drawSample(t, auditor, { period: PERIOD, size: 1, riskRules: false })).body.id as string;
    const before = await scalar<number>(t, sql`select count(*)::int as value from audit_samples`);
    for (const role of ["worker", "worker3", "supervisor", "finance", "admin"] as TestAccount[]) {
      const token = await t.tokenFor(role);
      expectProblem(await drawSample(t, token, { period: PERIOD, size: 1 }), 403);
    }
    for (const role of ["worker", "supervisor", "finance"] as TestAccount[]) {
      const token = await t.tokenFor(role);
      for (const path of ["/api/audit/samples", `/api/audit/samples/${sampleId}`, `/api/audit/samples/${sampleId}/verify`, `/api/audit/samples/${sampleId}/report`, "/api/audit/queue"]) {
        expectProblem(await t.http.get(path).set(bearer(token)), 403);
      }
    }
    expectProblem(await t.http.post("/api/audit/samples").send({ period: PERIOD }), 401);
    expect(await scalar<number>(t, sql`select count(*)::int as value from audit_samples`)).toBe(before);
  });
});

describe("verifying a sample", () => {
  let t: TestApp;
  let auditor: string;
  let worker: string;
  let schemeId: string;
  let clientId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date(NOW)) });
    [auditor, worker] = await Promise.all([t.tokenFor("auditor"), t.tokenFor("worker")]);
    schemeId = (await roomyScheme(t)).id;
    clientId = await createClient(t, worker);
    await logMany(t, worker, { schemeId, clientId }, 30);
  });
  afterAll(() => t.close());

  it("matches over an unchanged population, and says the population changed once a late spend joins the period", async () => {
    const drawn = await drawSample(t, auditor, { period: PERIOD, seed: "verify-me", size: 6 });
    expect(drawn.status).toBe(201);
    const recorded = randomIds(drawn.body.items);

    const ok = await t.http.get(`/api/audit/samples/${drawn.body.id}/verify`).set(bearer(auditor));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      matches: true,
      populationChanged: false,
      recordedDigest: drawn.body.datasetDigest,
      recomputedDigest: drawn.body.datasetDigest,
      expectedItems: recorded,
      recordedItems: recorded,
      recordedPopulationSize: 30,
      currentPopulationSize: 30,
    });

    // A spend dated in the period, logged after the draw.
    await logSpend(t, worker, { schemeId, clientId, amount: 777, spentOn: "2026-03-02" });
    const changed = await t.http.get(`/api/audit/samples/${drawn.body.id}/verify`).set(bearer(auditor));
    expect(changed.body).toMatchObject({ matches: false, populationChanged: true, recordedDigest: drawn.body.datasetDigest, recordedItems: recorded, currentPopulationSize: 31 });
    expect(changed.body.recomputedDigest).toBe(digestByHand(await population(t, PERIOD)));
    expect(changed.body.recomputedDigest).not.toBe(drawn.body.datasetDigest);
    expect(changed.body.explanation).toMatch(/changed since the draw/);
  });

  it("catches a record whose items do not follow from its seed", async () => {
    const drawn = await drawSample(t, auditor, { period: PERIOD, seed: "tamper-me", size: 4, riskRules: false });
    await t.database.db.execute(sql`update audit_samples set seed = 'someone-else' where id = ${drawn.body.id}`);
    const res = await t.http.get(`/api/audit/samples/${drawn.body.id}/verify`).set(bearer(auditor));
    expect(res.body).toMatchObject({ matches: false, populationChanged: false, recordedItems: randomIds(drawn.body.items) });
    expect(res.body.expectedItems).not.toEqual(res.body.recordedItems);
  });

  it("says the population changed when a spend of the period is voided", async () => {
    const victim = await logSpend(t, worker, { schemeId, clientId, amount: 612, spentOn: "2026-03-03" });
    const drawn = await drawSample(t, auditor, { period: PERIOD, seed: "before-void", size: 3, riskRules: false });
    expect((await t.http.get(`/api/audit/samples/${drawn.body.id}/verify`).set(bearer(auditor))).body.matches).toBe(true);
    const voided = await t.http.post(`/api/spends/${victim.id}/void`).set(bearer(worker)).send({ reason: "Logged twice by mistake" });
    expect(voided.status).toBe(200);
    const res = await t.http.get(`/api/audit/samples/${drawn.body.id}/verify`).set(bearer(auditor));
    expect(res.body).toMatchObject({ matches: false, populationChanged: true });
  });
});

describe("the same sample after a restart", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock: new TestClock(new Date(NOW)) });
  });
  afterAll(() => t.close());

  it("redraws the same spends from the same seed on a new app over the same database", async () => {
    const [auditor, worker] = await Promise.all([t.tokenFor("auditor"), t.tokenFor("worker")]);
    const schemeId = (await roomyScheme(t)).id;
    const clientId = await createClient(t, worker);
    await logMany(t, worker, { schemeId, clientId }, 40);
    const body = { period: PERIOD, seed: "across-restarts", size: 9 };
    const before = await drawSample(t, auditor, body);
    expect(before.status).toBe(201);

    await t.app.close();
    // PostgreSQL: a new connection pool, as a restarted process would open. PGlite in memory
    // lives only as long as its handle, so the new app reuses it.
    const reopened = t.config.databaseUrl ? await openDatabase({ databaseUrl: t.config.databaseUrl, poolSize: 2 }) : null;
    const app = await buildApp({ config: t.config, db: reopened?.db ?? t.database.db, clock: new TestClock(new Date(NOW)) });
    try {
      await app.ready();
      const http = supertest(app.server);
      const after = await http.post("/api/audit/samples").set(bearer(auditor)).send(body);
      expect(after.status, JSON.stringify(after.body)).toBe(201);
      expect(after.body.id).not.toBe(before.body.id);
      expect(after.body.items).toEqual(before.body.items);
      expect(after.body.datasetDigest).toBe(before.body.datasetDigest);
      const verify = await http.get(`/api/audit/samples/${before.body.id}/verify`).set(bearer(auditor));
      expect(verify.body).toMatchObject({ matches: true, populationChanged: false });
    } finally {
      await app.close();
      await reopened?.close();
    }
  });
});
