import { describe, expect, it } from "vitest";
import { spreadsheetSafe } from "./spreadsheet-safe.ts";

describe("spreadsheetSafe", () => {
  it.each(["=SUM(A1:A2)", "+1", "-1", "@cmd", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])("prefixes %j with a quote", (text) => {
    expect(spreadsheetSafe(text)).toBe(`'${text}`);
  });

  it.each(["", "plain", "a=b", " =x", "'=x", "1-2", "\nx"])("leaves %j alone", (text) => {
    expect(spreadsheetSafe(text)).toBe(text);
  });
});
