import { describe, expect, it } from "vitest";
import { categoryRows, glCodeProblem } from "./ledger-codes-api.ts";

describe("ledger code rows", () => {
  it("lists every scheme category and every mapped category once, in order", () => {
    const rows = categoryRows(
      [
        { category: "Travel", glCode: "4410" },
        { category: "Old category", glCode: "4999" },
      ],
      [
        { name: "Everyday help", categories: ["Travel", "Clothing"] },
        { name: "Winter", categories: ["Clothing"] },
      ],
    );
    expect(rows).toEqual([
      { category: "Clothing", glCode: null, schemes: ["Everyday help", "Winter"] },
      { category: "Old category", glCode: "4999", schemes: [] },
      { category: "Travel", glCode: "4410", schemes: ["Everyday help"] },
    ]);
  });

  it("checks a code", () => {
    expect(glCodeProblem("")).toMatch(/Enter/);
    expect(glCodeProblem("4410")).toBeNull();
    expect(glCodeProblem("x".repeat(41))).toMatch(/40/);
    expect(glCodeProblem("44 10")).toMatch(/letters, digits/);
    expect(glCodeProblem("=1+1")).toMatch(/letters, digits/);
  });
});
