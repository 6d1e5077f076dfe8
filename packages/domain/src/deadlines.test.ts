import { describe, expect, it } from "vitest";
import { dueInstant, isDueSoon, startOfDayIn } from "./deadlines.ts";

describe("startOfDayIn", () => {
  it("is UTC midnight in London in winter and 23:00 UTC the day before in summer", () => {
    expect(startOfDayIn("Europe/London", "2026-01-15").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(startOfDayIn("Europe/London", "2026-07-01").toISOString()).toBe("2026-06-30T23:00:00.000Z");
  });

  it("lands on local midnight on both sides of the clocks changing", () => {
    // British Summer Time starts at 01:00 UTC on 29 March 2026 and ends at 01:00 UTC on 25 October 2026.
    expect(startOfDayIn("Europe/London", "2026-03-29").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(startOfDayIn("Europe/London", "2026-03-30").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(startOfDayIn("Europe/London", "2026-10-25").toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(startOfDayIn("Europe/London", "2026-10-26").toISOString()).toBe("2026-10-26T00:00:00.000Z");
  });

  it("works east and west of UTC", () => {
    expect(startOfDayIn("Asia/Tokyo", "2026-01-15").toISOString()).toBe("2026-01-14T15:00:00.000Z");
    expect(startOfDayIn("America/New_York", "2026-01-15").toISOString()).toBe("2026-01-15T05:00:00.000Z");
  });

  it("refuses a date that is not a real day", () => {
    expect(() => startOfDayIn("Europe/London", "2026-02-30")).toThrow(RangeError);
  });
});

describe("dueInstant and isDueSoon", () => {
  it("a justification due on a day is due at the end of that local day", () => {
    expect(dueInstant("Europe/London", "2026-01-17").toISOString()).toBe("2026-01-18T00:00:00.000Z");
  });

  it("is due soon from exactly 48 hours before the deadline until the deadline", () => {
    const at = (iso: string) => isDueSoon("Europe/London", "2026-01-17", new Date(iso));
    expect(at("2026-01-15T23:59:59.999Z")).toBe(false);
    expect(at("2026-01-16T00:00:00.000Z")).toBe(true);
    expect(at("2026-01-17T23:59:59.999Z")).toBe(true);
    expect(at("2026-01-18T00:00:00.000Z")).toBe(false);
  });

  it("counts real hours across a clock change (47 wall-clock hours in spring)", () => {
    // Due on 30 March: deadline 2026-03-30T23:00Z (BST); 48 real hours before is 2026-03-28T23:00Z.
    expect(isDueSoon("Europe/London", "2026-03-30", new Date("2026-03-28T22:59:59.999Z"))).toBe(false);
    expect(isDueSoon("Europe/London", "2026-03-30", new Date("2026-03-28T23:00:00.000Z"))).toBe(true);
  });

  it("takes another warning window when asked", () => {
    expect(isDueSoon("Europe/London", "2026-01-17", new Date("2026-01-17T00:00:00.000Z"), 24)).toBe(true);
    expect(isDueSoon("Europe/London", "2026-01-17", new Date("2026-01-16T23:59:59.000Z"), 24)).toBe(false);
  });
});
