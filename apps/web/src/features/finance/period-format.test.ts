import { describe, expect, it } from "vitest";
import { countOf, formatMoment, formatPeriod } from "./period-format.ts";

describe("period formatting", () => {
  it("names the month", () => {
    expect(formatPeriod("2026-03")).toBe("March 2026");
    expect(formatPeriod("2025-12")).toBe("December 2025");
    expect(formatPeriod("2025-13")).toBe("2025-13");
    expect(formatPeriod("nonsense")).toBe("nonsense");
  });

  it("shows a moment in UK time", () => {
    expect(formatMoment("2026-03-31T15:05:00.000Z")).toBe("31 March 2026 at 4:05pm");
    expect(formatMoment("2026-01-10T09:00:00Z")).toBe("10 January 2026 at 9:00am");
  });

  it("counts", () => {
    expect(countOf(1, "spend")).toBe("1 spend");
    expect(countOf(1200, "spend")).toBe("1,200 spends");
  });
});
