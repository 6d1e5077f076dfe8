import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  isValidIsoDate,
  isValidPeriod,
  nextPeriod,
  periodBounds,
  periodOf,
  todayIn,
} from "./dates.ts";

describe("isValidIsoDate", () => {
  it.each(["2026-01-01", "2026-02-28", "2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01", "9999-12-31", "2026-04-30"])(
    "accepts %s",
    (s) => {
      expect(isValidIsoDate(s)).toBe(true);
    },
  );

  it.each([
    "2026-02-30",
    "2026-02-29",
    "1900-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-01-32",
    "0000-01-01",
    "2026-1-01",
    "2026-01-1",
    "26-01-01",
    "2026/01/01",
    "2026-01-01T00:00:00Z",
    " 2026-01-01",
    "",
    "yyyy-mm-dd",
  ])("refuses %j", (s) => {
    expect(isValidIsoDate(s)).toBe(false);
  });
});

describe("todayIn", () => {
  it("uses the council's local day, not UTC", () => {
    // 23:30 UTC on 30 June is 00:30 BST on 1 July.
    const now = new Date("2026-06-30T23:30:00Z");
    expect(todayIn("Europe/London", now)).toBe("2026-07-01");
    expect(todayIn("UTC", now)).toBe("2026-06-30");
  });

  it("in winter London is on UTC", () => {
    expect(todayIn("Europe/London", new Date("2026-01-15T23:59:59Z"))).toBe("2026-01-15");
    expect(todayIn("Europe/London", new Date("2026-01-16T00:00:00Z"))).toBe("2026-01-16");
  });

  it("handles zones behind UTC and year ends", () => {
    expect(todayIn("America/New_York", new Date("2026-01-01T03:00:00Z"))).toBe("2025-12-31");
  });

  it("throws for an unknown time zone", () => {
    expect(() => todayIn("Mars/Olympus_Mons", new Date())).toThrow(RangeError);
  });
});

describe("addDays", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-01"],
    ["2026-02-28", 1, "2026-03-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2026-03-29", 0, "2026-03-29"],
    ["2026-01-01", 365, "2027-01-01"],
    ["2024-01-01", 366, "2025-01-01"],
    ["0050-06-15", 1, "0050-06-16"],
    // Clock change in London (29 March 2026) does not matter to calendar days.
    ["2026-03-28", 2, "2026-03-30"],
  ])("%s + %i = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it("refuses bad input", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("2026-02-01", 1.5)).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => addDays("0001-01-01", -1)).toThrow(RangeError);
  });
});

describe("daysBetween", () => {
  it.each([
    ["2026-01-31", "2026-02-01", 1],
    ["2026-02-01", "2026-01-31", -1],
    ["2026-01-01", "2026-01-01", 0],
    ["2026-01-01", "2027-01-01", 365],
    ["2024-01-01", "2025-01-01", 366],
    ["2026-03-01", "2026-03-31", 30],
  ])("%s to %s is %i", (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });

  it("is the inverse of addDays", () => {
    for (const days of [-400, -31, -1, 0, 1, 7, 29, 90, 1000]) {
      expect(daysBetween("2025-10-26", addDays("2025-10-26", days))).toBe(days);
    }
  });

  it("refuses invalid dates", () => {
    expect(() => daysBetween("2026-02-30", "2026-03-01")).toThrow(RangeError);
  });
});

describe("periods", () => {
  it("periodOf", () => {
    expect(periodOf("2026-03-15")).toBe("2026-03");
    expect(periodOf("2026-12-31")).toBe("2026-12");
    expect(() => periodOf("2026-02-30")).toThrow(RangeError);
  });

  it.each(["2026-01", "2026-12", "0001-01", "9999-12"])("isValidPeriod accepts %s", (s) => {
    expect(isValidPeriod(s)).toBe(true);
  });

  it.each(["2026-13", "2026-00", "2026-1", "202601", "2026-01-01", "0000-01", ""])("isValidPeriod refuses %j", (s) => {
    expect(isValidPeriod(s)).toBe(false);
  });

  it.each([
    ["2026-01", "2026-01-01", "2026-01-31"],
    ["2026-02", "2026-02-01", "2026-02-28"],
    ["2024-02", "2024-02-01", "2024-02-29"],
    ["1900-02", "1900-02-01", "1900-02-28"],
    ["2000-02", "2000-02-01", "2000-02-29"],
    ["2026-04", "2026-04-01", "2026-04-30"],
    ["2026-12", "2026-12-01", "2026-12-31"],
  ])("periodBounds(%s)", (period, first, last) => {
    expect(periodBounds(period)).toEqual({ first, last });
    expect(isValidIsoDate(first) && isValidIsoDate(last)).toBe(true);
    expect(isValidIsoDate(addDays(last, 1)) && periodOf(addDays(last, 1))).toBe(nextPeriod(period));
  });

  it.each([
    ["2026-01", "2026-02"],
    ["2026-11", "2026-12"],
    ["2025-12", "2026-01"],
    ["0999-12", "1000-01"],
  ])("nextPeriod(%s) = %s", (period, expected) => {
    expect(nextPeriod(period)).toBe(expected);
  });

  it("refuses invalid periods", () => {
    expect(() => periodBounds("2026-13")).toThrow(RangeError);
    expect(() => nextPeriod("2026-1")).toThrow(RangeError);
    expect(() => nextPeriod("9999-12")).toThrow(RangeError);
  });
});
