import type { Response } from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, spendBody } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestAccount, type TestApp } from "../support/test-app.ts";

/** Invariant 3: nobody sees or changes what their role and team do not allow. */
describe("who sees a spend", () => {
  let t: TestApp;
  let spendId: string;
  const clock = new TestClock();
  const tokens = {} as Record<TestAccount, string>;
  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const account of ["worker", "worker2", "worker3", "supervisor", "supervisor2", "auditor", "finance", "admin"] as TestAccount[]) {
      tokens[account] = await t.tokenFor(account);
    }
    const ids = await councilIds(t);
    const res = await postSpend(t, tokens.worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string }));
    expect(res.status).toBe(201);
    spendId = res.body.id;
  });
  afterAll(() => t.close());

  const sees: [TestAccount, boolean][] = [
    ["worker", true],
    ["supervisor", true],
    ["auditor", true],
    ["finance", true],
    ["admin", true],
    ["worker2", false],
    ["worker3", false],
    ["supervisor2", false],
  ];

  it.each(sees)("%s: detail visible = %s, and lists agree", async (account, visible) => {
    const detail = await t.http.get(`/api/spends/${spendId}`).set("Authorization", `Bearer ${tokens[account]}`);
    if (visible) {
      expect(detail.status).toBe(200);
      expect(detail.body.id).toBe(spendId);
    } else {
      expectProblem(detail, 404);
    }
    const list = await t.http.get("/api/spends?limit=200").set("Authorization", `Bearer ${tokens[account]}`);
    expect(list.status).toBe(200);
    expect(list.body.items.some((s: { id: string }) => s.id === spendId)).toBe(visible);
  });

  it("a worker asking the list for a colleague's spends gets none", async () => {
    const ids = await councilIds(t);
    const res = await t.http.get(`/api/spends?workerId=${ids.users.worker?.id}`).set("Authorization", `Bearer ${tokens.worker2}`);
    expect(res.body.items).toEqual([]);
  });

  it.each(["finance", "auditor", "admin"] as TestAccount[])("%s gets 403 logging a spend", async (account) => {
    const ids = await councilIds(t);
    expectProblem(await postSpend(t, tokens[account], spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string })), 403);
  });

  it("voiding: a colleague gets 404, the worker may within 24 hours but not after, the admin any time", async () => {
    const ids = await councilIds(t);
    const make = async () => (await postSpend(t, tokens.worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[1] as string, amount: 300 }))).body.id as string;
    const voidAs = (account: TestAccount, id: string) => t.http.post(`/api/spends/${id}/void`).set("Authorization", `Bearer ${tokens[account]}`).send({ reason: "Logged against the wrong client" });

    const early = await make();
    expectProblem(await voidAs("worker2", early), 404);
    expectProblem(await voidAs("supervisor2", early), 404);
    expectProblem(await voidAs("finance", early), 403);
    expect((await voidAs("worker", early)).status).toBe(200);
    expectProblem(await voidAs("worker", early), 409);

    const late = await make();
    clock.advance(24 * 3600_000 + 1000);
    tokens.worker = await t.tokenFor("worker");
    tokens.admin = await t.tokenFor("admin");
    expectProblem(await voidAs("worker", late), 403);
    const byAdmin = await voidAs("admin", late);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ voided: true, voidReason: "Logged against the wrong client" });
    expect(byAdmin.body.timeline.map((e: { type: string }) => e.type)).toEqual(["spend.logged", "spend.voided"]);
  });

  it("pages through the list with an opaque cursor, never repeating or skipping", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await t.http.get(`/api/spends?limit=2${cursor ? `&cursor=${cursor}` : ""}`).set("Authorization", `Bearer ${tokens.admin}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((s: { id: string }) => s.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expectProblem(await t.http.get("/api/spends?cursor=garbage").set("Authorization", `Bearer ${tokens.admin}`), 400, { field: "cursor" });
  });

  it("refuses a cursor of the right shape holding values the list could never have written", async () => {
    const doctored = [
      { createdAt: "yesterday", id: "00000000-0000-4000-8000-000000000000" },
      { createdAt: "2026-03-01T10:00:00.000Z", id: "'; drop table spends; --" },
      { createdAt: "2026-13-45T10:00:00.000Z", id: "00000000-0000-4000-8000-000000000000" },
    ];
    for (const value of doctored) {
      const cursor = Buffer.from(JSON.stringify(value)).toString("base64url");
      expectProblem(await t.http.get(`/api/spends?cursor=${cursor}`).set("Authorization", `Bearer ${tokens.admin}`), 400, { field: "cursor" });
    }
  });
});
