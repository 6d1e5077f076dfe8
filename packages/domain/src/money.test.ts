import { describe, expect, it } from "vitest";
import { formatMoney, isMinorAmount, parseMoney, toDecimalString } from "./money.ts";

describe("parseMoney", () => {
  it.each([
    ["12.50", 1250],
    ["12.5", 1250],
    ["12", 1200],
    ["£1,234.56", 123456],
    ["1,234,567.89", 123456789],
    ["£ 3", 300],
    ["  7.07  ", 707],
    ["0.29", 29],
    ["0.07", 7],
    [".5", 50],
    [".05", 5],
    ["0", 0],
    ["007.10", 710],
    ["1.1", 110],
    ["19.99", 1999],
    ["90071992547409.91", Number.MAX_SAFE_INTEGER],
  ])("reads %j as %i minor units", (text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  it("never goes through a float: values a float would round wrongly come out exact", () => {
    // 1.005 * 100 === 100.49999999999999 and 4.35 * 100 === 434.99999999999994 in floating point.
    expect(parseMoney("4.35")).toBe(435);
    expect(parseMoney("1.01")).toBe(101);
    expect(parseMoney("8.20")).toBe(820);
    expect(parseMoney("90071992547409.9")).toBe(9007199254740990);
  });

  it.each([
    "",
    "   ",
    "£",
    "12.505",
    "0.001",
    "-1",
    "-12.50",
    "+5",
    "12,50",
    "1,23",
    "1,2345",
    ",123",
    "12.",
    ".",
    "1.2.3",
    "abc",
    "12abc",
    "1e3",
    "0x10",
    "Infinity",
    "NaN",
    "12 50",
    "$12",
    "12£",
    "£-5",
    "90071992547409.92",
    "99999999999999999999",
  ])("refuses %j", (text) => {
    expect(parseMoney(text)).toBeNull();
  });
});

describe("toDecimalString", () => {
  it.each([
    [1250, "12.50"],
    [-305, "-3.05"],
    [7, "0.07"],
    [-7, "-0.07"],
    [0, "0.00"],
    [100, "1.00"],
    [123456789, "1234567.89"],
    [Number.MAX_SAFE_INTEGER, "90071992547409.91"],
    [-Number.MAX_SAFE_INTEGER, "-90071992547409.91"],
  ])("writes %i as %j", (minor, expected) => {
    expect(toDecimalString(minor)).toBe(expected);
  });

  it("honours a currency without minor units", () => {
    expect(toDecimalString(1250, 0)).toBe("1250");
    expect(toDecimalString(-5, 0)).toBe("-5");
    expect(toDecimalString(5, 3)).toBe("0.005");
  });

  it("round-trips with parseMoney", () => {
    for (const minor of [0, 1, 9, 10, 99, 100, 101, 1250, 99999, 123456789]) {
      expect(parseMoney(toDecimalString(minor))).toBe(minor);
    }
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    "refuses %d",
    (minor) => {
      expect(() => toDecimalString(minor)).toThrow(RangeError);
    },
  );

  it("refuses a bad fractionDigits", () => {
    expect(() => toDecimalString(1, -1)).toThrow(RangeError);
    expect(() => toDecimalString(1, 1.5)).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  it.each([
    [1250, "£12.50"],
    [5, "£0.05"],
    [0, "£0.00"],
    [123456, "£1,234.56"],
    [-305, "-£3.05"],
    [Number.MAX_SAFE_INTEGER, "£90,071,992,547,409.91"],
  ])("shows %i as %j", (minor, expected) => {
    expect(formatMoney(minor)).toBe(expected);
  });

  it("uses the given currency and its own minor unit", () => {
    expect(formatMoney(1250, "EUR")).toBe("€12.50");
    expect(formatMoney(1250, "USD")).toBe("US$12.50");
    expect(formatMoney(1250, "JPY")).toBe("JP¥1,250");
  });

  it("refuses a non-integer amount instead of rounding it", () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
  });
});

describe("isMinorAmount", () => {
  it.each([1, 1250, Number.MAX_SAFE_INTEGER])("accepts %d", (n) => {
    expect(isMinorAmount(n)).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, "12", null, undefined, 12n])(
    "refuses %s",
    (n) => {
      expect(isMinorAmount(n)).toBe(false);
    },
  );
});
