import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { councilIds, postSpend, spendBody, type CouncilIds } from "../support/factories.ts";
import { expectProblem } from "../support/problem.ts";
import { TestClock, startTestApp, type TestApp } from "../support/test-app.ts";

const PERIOD = "2026-03";

/** A payee is published by name only when positively marked an organisation. */
describe("payee types in the transparency file", () => {
  const clock = new TestClock(new Date("2026-03-28T10:00:00Z"));
  let t: TestApp;
  let ids: CouncilIds;
  let worker: string;
  const spent: Record<string, { id: string; payeeType: unknown }> = {};

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ids = await councilIds(t);
    worker = await t.tokenFor("worker");
    const log = async (name: string, overrides: Record<string, unknown>) => {
      const res = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, spentOn: "2026-03-20", ...overrides }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      spent[name] = { id: res.body.id, payeeType: res.body.payeeType };
    };
    await log("unmarked", { payee: "John Smith", amount: 1_100 });
    await log("organisation", { payee: "Northern Buses Ltd", payeeType: "organisation", amount: 1_200 });
    await log("individual", { payee: "Mary Jones", payeeType: "individual", amount: 1_300 });
  });
  afterAll(() => t.close());

  it("answers the mark as given, null when none was", () => {
    expect(spent.unmarked?.payeeType).toBeNull();
    expect(spent.organisation?.payeeType).toBe("organisation");
    expect(spent.individual?.payeeType).toBe("individual");
  });

  it('"John Smith" with no payeeType is redacted; one marked "organisation" appears by name', async () => {
    const finance = await t.tokenFor("finance");
    const res = await t.http.get(`/api/exports/${PERIOD}/transparency.csv`).set("Authorization", `Bearer ${finance}`).responseType("blob");
    expect(res.status).toBe(200);
    const text = (res.body as Buffer).toString("utf8");
    expect(text).not.toContain("John Smith");
    expect(text).not.toContain("Mary Jones");
    const records = parse(res.body as Buffer, { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
    const beneficiary = (name: string) => records.find((r) => r["Transaction number"] === spent[name]?.id)?.["Supplier name"];
    expect(beneficiary("unmarked")).toBe("REDACTED PERSONAL DATA");
    expect(beneficiary("individual")).toBe("REDACTED PERSONAL DATA");
    expect(beneficiary("organisation")).toBe("Northern Buses Ltd");
  });

  it("the finance export, which is not public, keeps every name", async () => {
    const finance = await t.tokenFor("finance");
    const res = await t.http.get(`/api/exports/${PERIOD}`).set("Authorization", `Bearer ${finance}`).responseType("blob");
    const text = (res.body as Buffer).toString("utf8");
    for (const name of ["John Smith", "Northern Buses Ltd", "Mary Jones"]) expect(text).toContain(name);
  });

  it("a payeeType that is neither is 400 naming the field, and writes nothing", async () => {
    const res = await postSpend(t, worker, spendBody({ schemeId: ids.schemeId, clientId: ids.clients.north[0] as string, spentOn: "2026-03-20", payeeType: "company" }));
    expectProblem(res, 400, { field: "payeeType" });
  });
});
