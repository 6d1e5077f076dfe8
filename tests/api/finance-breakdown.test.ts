import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheme, councilIds, postSpend, spendBody, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, TestClock, type TestAccount, type TestApp } from "../support/test-app.ts";

type Group = { key: string; label: string; currency: string; count: number; total: number };
type Breakdown = { period: string; status: string; totals: { currency: string; count: number; total: number }[]; groups: Record<"team" | "category" | "scheme" | "paymentMethod", Group[]> };

/**
 * A finance period broken down by team, category, scheme and payment method: each dimension adds up
 * to the period's own count and total, open or closed, and a closed month's breakdown is the one
 * its frozen rows give, whatever is renamed, booked or voided after.
 */
describe("period breakdown", () => {
  const clock = new TestClock(new Date("2026-05-20T10:00:00Z"));
  let t: TestApp;
  let ids: CouncilIds;
  let winterScheme: string;
  const token: Partial<Record<TestAccount, string>> = {};
  const spent: Record<string, string> = {};

  const breakdown = async (period: string, who: TestAccount = "finance") => {
    const res = await t.http.get(`/api/periods/${period}/breakdown`).set("Authorization", `Bearer ${token[who]}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Breakdown;
  };
  const period = async (month: string) => (await t.http.get(`/api/periods/${month}`).set("Authorization", `Bearer ${token.finance}`)).body as { count: number; total: number };
  const simple = (groups: Group[]) => groups.map(({ key, label, count, total }) => ({ key, label, count, total }));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ids = await councilIds(t);
    for (const who of ["worker", "worker3", "supervisor", "auditor", "finance", "admin"] as const) token[who] = await t.tokenFor(who);
    winterScheme = (await createScheme(t, { name: "Winter warmth", categories: ["Clothing", "Household"] })).id;
    let logged = 0;
    const log = async (name: string, who: "worker" | "worker3", overrides: Record<string, unknown>) => {
      // A client each, so no per-client cap is in play.
      const clients = who === "worker3" ? ids.clients.east : ids.clients.north;
      const clientId = clients[logged++ % clients.length] as string;
      const res = await postSpend(t, token[who] as string, spendBody({ schemeId: ids.schemeId, clientId, spentOn: "2026-05-10", ...overrides }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      spent[name] = res.body.id;
    };
    await log("bus", "worker", { amount: 1200 });
    await log("food", "worker", { amount: 3000, category: "Food and essentials", paymentMethod: "petty_cash" });
    await log("coat", "worker", { amount: 4500, schemeId: winterScheme, category: "Clothing", paymentMethod: "voucher" });
    await log("taxi", "worker3", { amount: 800 });
    await log("kettle", "worker3", { amount: 2500, schemeId: winterScheme, category: "Household", paymentMethod: "purchase_card" });
    await log("mistake", "worker3", { amount: 7000, category: "Food and essentials" });
    const voided = await t.http.post(`/api/spends/${spent.mistake}/void`).set("Authorization", `Bearer ${token.worker3}`).send({ reason: "Logged twice by mistake" });
    expect(voided.status).toBe(200);
  });
  afterAll(() => t.close());

  it("breaks an open month down four ways, each adding up to the period's count and total; voided spends count nothing", async () => {
    const b = await breakdown("2026-05");
    expect(b).toMatchObject({ period: "2026-05", status: "open", totals: [{ currency: "GBP", count: 5, total: 12000 }] });
    expect(await period("2026-05")).toMatchObject({ count: 5, total: 12000 });
    expect(simple(b.groups.team)).toEqual([
      { key: "Children's Services North", label: "Children's Services North", count: 3, total: 8700 },
      { key: "Adult Services East", label: "Adult Services East", count: 2, total: 3300 },
    ]);
    expect(simple(b.groups.category)).toEqual([
      { key: "Clothing", label: "Clothing", count: 1, total: 4500 },
      { key: "Food and essentials", label: "Food and essentials", count: 1, total: 3000 },
      { key: "Household", label: "Household", count: 1, total: 2500 },
      { key: "Travel", label: "Travel", count: 2, total: 2000 },
    ]);
    expect(simple(b.groups.scheme)).toEqual([
      { key: "Winter warmth", label: "Winter warmth", count: 2, total: 7000 },
      { key: "Everyday help", label: "Everyday help", count: 3, total: 5000 },
    ]);
    expect(simple(b.groups.paymentMethod)).toEqual([
      { key: "voucher", label: "Voucher", count: 1, total: 4500 },
      { key: "petty_cash", label: "Petty cash", count: 1, total: 3000 },
      { key: "purchase_card", label: "Council purchase card", count: 1, total: 2500 },
      { key: "prepaid_card", label: "Prepaid card", count: 2, total: 2000 },
    ]);
    for (const groups of Object.values(b.groups)) {
      expect(groups.reduce((s, g) => s + g.total, 0)).toBe(12000);
      expect(groups.reduce((s, g) => s + g.count, 0)).toBe(5);
    }
  });

  it("a closed month keeps its breakdown through renames and voids; the next month carries the reversal", async () => {
    clock.set("2026-06-01T09:00:00Z");
    const closed = await t.http.post("/api/periods/2026-05/close").set("Authorization", `Bearer ${token.finance}`).send({ confirm: true });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const atClose = await breakdown("2026-05");
    expect(atClose.status).toBe("closed");

    const renamed = await t.http.put(`/api/teams/${ids.teams.east}`).set("Authorization", `Bearer ${token.admin}`).send({ name: "East and Coast", costCentre: "CC-9999", serviceArea: "Adults" });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const voided = await t.http.post(`/api/spends/${spent.kettle}/void`).set("Authorization", `Bearer ${token.admin}`).send({ reason: "Returned to the shop for a refund" });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);

    expect(await breakdown("2026-05")).toEqual(atClose);
    expect(atClose.groups.team.map((g) => g.key)).toContain("Adult Services East");

    const june = await breakdown("2026-06", "auditor");
    expect(june).toMatchObject({ status: "open", totals: [{ currency: "GBP", count: 0, total: -2500 }] });
    expect(simple(june.groups.team)).toEqual([{ key: "East and Coast", label: "East and Coast", count: 0, total: -2500 }]);
    expect(simple(june.groups.paymentMethod)).toEqual([{ key: "purchase_card", label: "Council purchase card", count: 0, total: -2500 }]);
    expect(await period("2026-06")).toMatchObject({ count: 0, total: -2500 });
  });

  it("an empty month has no groups; only finance, auditors and admins see it; a bad period is a 400 naming it", async () => {
    expect(await breakdown("2025-01", "admin")).toEqual({ period: "2025-01", status: "open", totals: [], groups: { team: [], category: [], scheme: [], paymentMethod: [] } });
    for (const who of ["worker", "supervisor"] as const) expectProblem(await t.http.get("/api/periods/2026-05/breakdown").set("Authorization", `Bearer ${token[who]}`), 403);
    expectProblem(await t.http.get("/api/periods/2026-05/breakdown"), 401);
    expectProblem(await t.http.get("/api/periods/2026-13/breakdown").set("Authorization", `Bearer ${token.finance}`), 400, { field: "period" });
  });
});
