import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, createScheme, DEFAULT_SCHEME, postSpend, scalar, spendBody } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("admin: changing a scheme makes version N+1", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("old spends keep version N; new spends are judged by N+1; version N still answers", async () => {
    const admin = await t.tokenFor("admin");
    const worker = await t.tokenFor("worker");
    const scheme = await createScheme(t, { perSpendCap: 7_500 });
    expect(scheme.version).toBe(1);
    const clientId = await createClient(t, worker);

    const old = await postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId, amount: 5_000 }));
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    expect(old.body.schemeVersion).toBe(1);

    const changed = await t.http
      .put(`/api/schemes/${scheme.id}`)
      .set("Authorization", `Bearer ${admin}`)
      .send({ ...DEFAULT_SCHEME, name: "Tighter scheme", perSpendCap: 3_000 });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ id: scheme.id, version: 2, perSpendCap: 3_000 });

    // The same spend that version 1 allowed is now refused under version 2's cap.
    const refused = await postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId, amount: 5_000 }));
    expectProblem(refused, 422, { typeEndsWith: "cap-exceeded" });
    expect(refused.body).toMatchObject({ cap: "perSpend", limit: 3_000 });
    const fresh = await postSpend(t, worker, spendBody({ schemeId: scheme.id, clientId, amount: 2_000 }));
    expect(fresh.status).toBe(201);
    expect(fresh.body.schemeVersion).toBe(2);

    const oldNow = await t.http.get(`/api/spends/${old.body.id}`).set("Authorization", `Bearer ${worker}`);
    expect(oldNow.body).toMatchObject({ schemeId: scheme.id, schemeVersion: 1, amount: 5_000 });
    // Each spend names its scheme as it was called in the version it was judged by, for everyone who reads it.
    const v1Name = (await t.http.get(`/api/schemes/${scheme.id}?version=1`).set("Authorization", `Bearer ${worker}`)).body.name as string;
    expect(v1Name).not.toBe("Tighter scheme");
    for (const token of [worker, await t.tokenFor("auditor"), await t.tokenFor("finance")]) {
      expect((await t.http.get(`/api/spends/${old.body.id}`).set("Authorization", `Bearer ${token}`)).body.schemeName).toBe(v1Name);
      expect((await t.http.get(`/api/spends/${fresh.body.id}`).set("Authorization", `Bearer ${token}`)).body.schemeName).toBe("Tighter scheme");
    }

    const v1 = await t.http.get(`/api/schemes/${scheme.id}?version=1`).set("Authorization", `Bearer ${worker}`);
    expect(v1.body).toMatchObject({ version: 1, perSpendCap: 7_500 });
    expect([...v1.body.versions].sort()).toEqual([1, 2]);
    const current = await t.http.get(`/api/schemes/${scheme.id}`).set("Authorization", `Bearer ${worker}`);
    expect(current.body).toMatchObject({ version: 2, name: "Tighter scheme", perSpendCap: 3_000 });

    const event = await scalar<{ actor_id: string; data: { before: { version: number; perSpendCap: number }; after: { version: number; perSpendCap: number } } }>(
      t,
      sql`select row_to_json(e) as value from (select actor_id, data from events where type = 'scheme.changed' and subject_id = ${scheme.id}) e`,
    );
    expect(event.data.before).toMatchObject({ version: 1, perSpendCap: 7_500 });
    expect(event.data.after).toMatchObject({ version: 2, perSpendCap: 3_000 });
    const verify = await t.http.get("/api/audit/events/verify").set("Authorization", `Bearer ${admin}`);
    expect(verify.body.ok).toBe(true);
  });

  it("a bad change is refused with 400 naming the field and makes no new version", async () => {
    const admin = await t.tokenFor("admin");
    const scheme = await createScheme(t);
    const res = await t.http.put(`/api/schemes/${scheme.id}`).set("Authorization", `Bearer ${admin}`).send({ ...DEFAULT_SCHEME, perSpendCap: 12.5 });
    expectProblem(res, 400, { field: "perSpendCap" });
    expect(await scalar<number>(t, sql`select current_version as value from schemes where id = ${scheme.id}`)).toBe(1);
  });
});
