import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayIn } from "@greentape/domain/dates";
import { createScheme, councilIds, postSpend, scalar, spendBody, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/** Invariant 4: every bad input gets a 4xx problem naming the field, and nothing is written. */
describe("bad spend input", () => {
  let t: TestApp;
  let ids: CouncilIds;
  let worker: string;
  let eastSchemeId: string;
  beforeAll(async () => {
    t = await startTestApp();
    ids = await councilIds(t);
    worker = await t.tokenFor("worker");
    eastSchemeId = (await createScheme(t, { teamIds: [ids.teams.east] })).id;
  });
  afterAll(() => t.close());

  const today = () => todayIn("Europe/London", new Date());
  const base = () => spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string });
  const without = (field: string) => () => Object.fromEntries(Object.entries(base()).filter(([k]) => k !== field));

  const cases: [string, string, () => Record<string, unknown>, number?][] = [
    ["negative amount", "amount", () => ({ ...base(), amount: -100 })],
    ["zero amount", "amount", () => ({ ...base(), amount: 0 })],
    ["fractional amount", "amount", () => ({ ...base(), amount: 12.5 })],
    ["amount as a string", "amount", () => ({ ...base(), amount: "12.50" })],
    ["huge amount", "amount", () => ({ ...base(), amount: 1e20 })],
    ["missing amount", "amount", without("amount")],
    ["missing scheme", "schemeId", without("schemeId")],
    ["missing client", "clientId", without("clientId")],
    ["missing category", "category", without("category")],
    ["missing payee", "payee", without("payee")],
    ["missing payment method", "paymentMethod", without("paymentMethod")],
    ["missing date", "spentOn", without("spentOn")],
    ["blank payee", "payee", () => ({ ...base(), payee: "   " })],
    ["payee with a control character", "payee", () => ({ ...base(), payee: "Shop\u0000" })],
    ["unknown scheme", "schemeId", () => ({ ...base(), schemeId: "00000000-0000-4000-8000-000000000000" })],
    ["a scheme that is not a uuid", "schemeId", () => ({ ...base(), schemeId: "scheme-1" })],
    ["another team's scheme", "schemeId", () => ({ ...base(), schemeId: eastSchemeId })],
    ["unknown client", "clientId", () => ({ ...base(), clientId: "00000000-0000-4000-8000-000000000000" })],
    ["another team's client", "clientId", () => ({ ...base(), clientId: ids.clients.east[0] })],
    ["a category not in the scheme", "category", () => ({ ...base(), category: "Holidays" })],
    ["an impossible date", "spentOn", () => ({ ...base(), spentOn: "2026-02-30" })],
    ["a date that is not a date", "spentOn", () => ({ ...base(), spentOn: "yesterday" })],
    ["a future date", "spentOn", () => ({ ...base(), spentOn: addDays(today(), 1) })],
    ["a date too old", "spentOn", () => ({ ...base(), spentOn: addDays(today(), -61) })],
    ["a 100,000-character note", "note", () => ({ ...base(), note: "x".repeat(100_000) })],
    ["an unknown payment method", "paymentMethod", () => ({ ...base(), paymentMethod: "bitcoin" })],
    ["an unknown payee type", "payeeType", () => ({ ...base(), payeeType: "robot" })],
  ];

  it.each(cases)("%s is refused naming %s", async (_name, field, body) => {
    const before = await scalar<string>(t, sql`select (select count(*) from spends)::text || '/' || (select count(*) from events)::text || '/' || (select count(*) from idempotency_keys)::text as value`);
    const res = await postSpend(t, worker, body());
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectProblem(res, res.status, { field });
    const after = await scalar<string>(t, sql`select (select count(*) from spends)::text || '/' || (select count(*) from events)::text || '/' || (select count(*) from idempotency_keys)::text as value`);
    expect(after).toBe(before);
  });

  it("the same body with good values is accepted (so the cases above fail for their own reason)", async () => {
    const res = await postSpend(t, worker, { ...base(), spentOn: addDays(today(), -60), note: "x".repeat(2000) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ amount: 1_000, currency: "GBP", schemeVersion: 1, justificationStatus: "due", followUpStatus: "pending", auditStatus: "not_sampled", voided: false });
  });

  it("malformed JSON is a 400 naming the body", async () => {
    const res = await t.http.post("/api/spends").set("Authorization", `Bearer ${worker}`).set("Idempotency-Key", "k1").set("Content-Type", "application/json").send("{ amount: ");
    expectProblem(res, 400, { field: "body" });
  });
});
