import { describe, expect, it } from "vitest";
import { isSuppressedCount, PUBLIC_MINIMUM_COUNT, publicCount, publicFigure, publicRate } from "./disclosure.ts";
import { wilsonInterval } from "./rates.ts";

describe("publicCount", () => {
  it("suppresses 0 to 4 and shows 5 and up", () => {
    expect(PUBLIC_MINIMUM_COUNT).toBe(5);
    for (const n of [0, 1, 2, 3, 4]) expect(publicCount(n)).toEqual({ value: null, suppressed: true });
    expect(publicCount(5)).toEqual({ value: 5, suppressed: false });
    expect(publicCount(1234)).toEqual({ value: 1234, suppressed: false });
  });

  it("refuses what is not a count", () => {
    expect(() => publicCount(-1)).toThrow(RangeError);
    expect(() => publicCount(2.5)).toThrow(RangeError);
    expect(() => isSuppressedCount(Number.NaN)).toThrow(RangeError);
  });
});

describe("publicFigure", () => {
  it("withholds a figure worked out from any suppressed count", () => {
    // £812.40 spent over 3 spends: the sum would describe those three.
    expect(publicFigure(81_240, [3])).toEqual({ value: null, suppressed: true });
    expect(publicFigure(81_240, [12, 4])).toEqual({ value: null, suppressed: true });
    expect(publicFigure(81_240, [12, 5])).toEqual({ value: 81_240, suppressed: false });
  });

  it("checks every count, so a bad one is never hidden behind a small one", () => {
    expect(() => publicFigure(1, [3, -1])).toThrow(RangeError);
  });
});

describe("publicRate", () => {
  it("shows a rate and its interval when both counts may be shown", () => {
    expect(publicRate(8, 10)).toEqual({
      successes: { value: 8, suppressed: false },
      trials: { value: 10, suppressed: false },
      rate: 0.8,
      interval: wilsonInterval(8, 10),
      suppressed: false,
      tooFewToTell: false,
    });
  });

  it("suppresses the rate and interval when the count of successes is suppressed", () => {
    expect(publicRate(4, 40)).toEqual({
      successes: { value: null, suppressed: true },
      trials: { value: 40, suppressed: false },
      rate: null,
      interval: null,
      suppressed: true,
      tooFewToTell: false,
    });
  });

  it("suppresses everything when the number of trials is under 5, and still says the group is small", () => {
    expect(publicRate(3, 3)).toMatchObject({ successes: { suppressed: true }, trials: { suppressed: true }, rate: null, interval: null, suppressed: true, tooFewToTell: true });
    expect(publicRate(0, 0)).toMatchObject({ rate: null, interval: null, suppressed: true });
  });

  it("keeps a shown rate's too-few-to-tell warning", () => {
    expect(publicRate(5, 7)).toMatchObject({ rate: 5 / 7, suppressed: false, tooFewToTell: true });
  });
});
