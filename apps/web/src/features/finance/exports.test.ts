import { describe, expect, it } from "vitest";
import { EXPORT_FILES, exportPath } from "./exports.ts";

const file = (id: string) => EXPORT_FILES.find((f) => f.id === id) as (typeof EXPORT_FILES)[number];

describe("exportPath", () => {
  it("asks for a byte order mark on the CSV files only, and only when wanted", () => {
    expect(exportPath(file("csv"), "2026-03", true)).toBe("/api/exports/2026-03?format=csv&bom=true");
    expect(exportPath(file("xero"), "2026-03", true)).toBe("/api/exports/2026-03?format=xero&bom=true");
    expect(exportPath(file("transparency"), "2026-03", true)).toBe("/api/exports/2026-03/transparency.csv?bom=true");
    expect(exportPath(file("xlsx"), "2026-03", true)).toBe("/api/exports/2026-03?format=xlsx");
    expect(exportPath(file("json"), "2026-03", true)).toBe("/api/exports/2026-03?format=json");
    expect(exportPath(file("csv"), "2026-03", false)).toBe("/api/exports/2026-03?format=csv");
  });
});
