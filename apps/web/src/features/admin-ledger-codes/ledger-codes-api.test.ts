import { describe, expect, it } from "vitest";
import { accountCodeProblem, categoryRows, glCodeProblem, mappingTextProblem } from "./ledger-codes-api.ts";

describe("ledger code rows", () => {
  it("lists every scheme category and every mapped category once, in order", () => {
    const rows = categoryRows(
      [
        { category: "Travel", glCode: "4410", accountName: "Client travel", merchantCategory: "Transportation services" },
        { category: "Old category", glCode: "4999" },
      ],
      [
        { name: "Everyday help", categories: ["Travel", "Clothing"] },
        { name: "Winter", categories: ["Clothing"] },
      ],
    );
    expect(rows).toEqual([
      { category: "Clothing", glCode: null, accountName: null, merchantCategory: null, schemes: ["Everyday help", "Winter"] },
      { category: "Old category", glCode: "4999", accountName: null, merchantCategory: null, schemes: [] },
      { category: "Travel", glCode: "4410", accountName: "Client travel", merchantCategory: "Transportation services", schemes: ["Everyday help"] },
    ]);
  });

  it("checks a code", () => {
    expect(glCodeProblem("")).toMatch(/Enter/);
    expect(glCodeProblem("4410")).toBeNull();
    expect(glCodeProblem("x".repeat(41))).toMatch(/40/);
    expect(glCodeProblem("44 10")).toMatch(/letters, digits/);
    expect(glCodeProblem("=1+1")).toMatch(/letters, digits/);
    expect(mappingTextProblem("", "Account name")).toBeNull();
    expect(mappingTextProblem("x".repeat(81), "Account name")).toBe("Account name must be 80 characters or fewer");
    expect(accountCodeProblem("")).toMatch(/Enter/);
    expect(accountCodeProblem("1010")).toBeNull();
    expect(accountCodeProblem("12345678901")).toMatch(/1 to 10/);
    expect(accountCodeProblem("=1+1")).toMatch(/letters, digits/);
  });
});
