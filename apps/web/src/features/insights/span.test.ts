import { describe, expect, it } from "vitest";
import { defaultSpan, monthChoices, readSpan, shiftPeriod } from "./span.ts";

describe("the span of months a page covers", () => {
  it("moves across year ends", () => {
    expect(shiftPeriod("2026-03", -3)).toBe("2025-12");
    expect(shiftPeriod("2025-12", 1)).toBe("2026-01");
    expect(shiftPeriod("2026-01", -13)).toBe("2024-12");
  });

  it("defaults to the last twelve months, this one included", () => {
    expect(defaultSpan("2026-03")).toEqual({ from: "2025-04", to: "2026-03" });
    expect(readSpan(new URLSearchParams(""), "2026-03")).toEqual({ from: "2025-04", to: "2026-03" });
  });

  it("takes a real span from the address and ignores a backwards, overlong or malformed one", () => {
    expect(readSpan(new URLSearchParams("from=2026-01&to=2026-01"), "2026-03")).toEqual({ from: "2026-01", to: "2026-01" });
    expect(readSpan(new URLSearchParams("from=2026-02&to=2026-01"), "2026-03")).toEqual({ from: "2025-04", to: "2026-03" });
    expect(readSpan(new URLSearchParams("from=2010-01&to=2026-01"), "2026-03")).toEqual({ from: "2025-04", to: "2026-03" });
    expect(readSpan(new URLSearchParams("from=2026-13&to=2026-01"), "2026-03")).toEqual({ from: "2025-04", to: "2026-03" });
  });

  it("offers three years of months, newest first, and the span's own months even if older", () => {
    const months = monthChoices("2026-03", { from: "2020-01", to: "2026-03" });
    expect(months[0]).toBe("2026-03");
    expect(months).toContain("2023-04");
    expect(months).not.toContain("2023-03");
    expect(months.at(-1)).toBe("2020-01");
  });
});
