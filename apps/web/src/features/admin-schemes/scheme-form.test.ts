import { describe, expect, it } from "vitest";
import { EMPTY_SCHEME, formFromScheme, payloadFromForm } from "./scheme-form.ts";
import type { SchemeFormValues, SchemePayload } from "./scheme-form.ts";

const filled = (changes: Partial<SchemeFormValues> = {}): SchemeFormValues => ({
  ...EMPTY_SCHEME,
  name: "Winter warmth",
  categories: "Heating\n  Clothing \n\nFood",
  caps: {
    perSpendCap: { amount: "75.50", none: false },
    perClientCap: { amount: "£1,200", none: false },
    perWorkerMonthlyCap: { amount: "", none: true },
    teamMonthlyBudget: { amount: "3000.05", none: false },
  },
  ...changes,
});

describe("scheme form", () => {
  it("turns pounds and pence into minor units, and 'no cap' into null", () => {
    const result = payloadFromForm(filled());
    expect(result).toEqual({
      ok: true,
      payload: {
        name: "Winter warmth",
        categories: ["Heating", "Clothing", "Food"],
        perSpendCap: 7550,
        perClientCap: 120000,
        perClientWindowDays: 30,
        perWorkerMonthlyCap: null,
        teamMonthlyBudget: 300005,
        justificationDueDays: 7,
        followUpDueDays: 28,
        graceDays: 7,
        teamIds: null,
      },
    });
  });

  it("never goes through a float", () => {
    const result = payloadFromForm(filled({ caps: { ...filled().caps, perSpendCap: { amount: "0.29", none: false } } }));
    expect(result.ok && result.payload.perSpendCap).toBe(29);
  });

  it("names each field that is wrong", () => {
    const result = payloadFromForm({
      ...EMPTY_SCHEME,
      categories: "Food\nfood",
      caps: { ...EMPTY_SCHEME.caps, perSpendCap: { amount: "12.345", none: false }, perClientCap: { amount: "0", none: false } },
      days: { ...EMPTY_SCHEME.days, graceDays: "x", justificationDueDays: "0" },
      appliesTo: "some",
      teamIds: [],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      ["categories", "graceDays", "justificationDueDays", "name", "perClientCap", "perSpendCap", "perWorkerMonthlyCap", "teamIds", "teamMonthlyBudget"].sort(),
    );
    expect(result.errors.perSpendCap).toBe("Enter the most for one spend in pounds and pence, like 75.00");
    expect(result.errors.perClientCap).toBe("The most for one client must be more than £0, or tick “No cap”");
    expect(result.errors.teamMonthlyBudget).toBe("Enter each team's budget for a month, or tick “No cap”");
    expect(result.errors.categories).toMatch(/repeat/);
  });

  it("fills the form from a scheme and back again unchanged", () => {
    const scheme: SchemePayload = {
      name: "Everyday help",
      categories: ["Travel", "Clothing"],
      perSpendCap: 7500,
      perClientCap: null,
      perClientWindowDays: 30,
      perWorkerMonthlyCap: 60000,
      teamMonthlyBudget: 300000,
      justificationDueDays: 7,
      followUpDueDays: 28,
      graceDays: 7,
      teamIds: ["8e0e6a3c-3f0a-4a38-9d6f-0d8f5b0f1a11"],
    };
    const form = formFromScheme(scheme);
    expect(form.caps.perSpendCap).toEqual({ amount: "75.00", none: false });
    expect(form.caps.perClientCap).toEqual({ amount: "", none: true });
    expect(payloadFromForm(form)).toEqual({ ok: true, payload: scheme });
  });
});
