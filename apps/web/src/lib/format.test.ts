import { beforeAll, describe, expect, it } from "vitest";
import { councilTimeZone, loadCouncilSettings, refreshCouncilSettings } from "./council-settings.ts";
import { countOf, currentPeriod, formatDay, formatPeriod, formatShortDay, formatTimestamp } from "./format.ts";

const serverSays = (timeZone: string) => () =>
  Promise.resolve(Response.json({ councilName: "Test Council", timeZone }));

describe("formatting for people", () => {
  beforeAll(() => loadCouncilSettings(serverSays("Europe/London")));

  it("names the month", () => {
    expect(formatPeriod("2026-03")).toBe("March 2026");
    expect(formatPeriod("2025-12")).toBe("December 2025");
    expect(formatPeriod("2025-13")).toBe("2025-13");
    expect(formatPeriod("nonsense")).toBe("nonsense");
  });

  it("shows a moment in UK time", () => {
    expect(formatTimestamp("2026-03-31T15:05:00.000Z")).toBe("31 March 2026 at 4:05pm");
    expect(formatTimestamp("2026-01-10T09:00:00Z")).toBe("10 January 2026 at 9:00am");
  });

  it("shows a calendar day as it is, whatever the time zone", () => {
    expect(formatDay("2026-03-31")).toBe("31 March 2026");
    expect(formatShortDay("2026-03-31")).toBe("31 Mar");
    expect(formatDay(null)).toBe("");
    expect(formatDay("someday")).toBe("someday");
  });

  it("knows the council's month: just after midnight on 1 April in London is April, not March", () => {
    expect(currentPeriod(new Date("2026-03-31T23:30:00Z"))).toBe("2026-04");
    expect(currentPeriod(new Date("2026-01-31T23:30:00Z"))).toBe("2026-01");
  });

  it("takes the council's time zone from the server, not from a constant", async () => {
    await refreshCouncilSettings(serverSays("America/New_York"));
    expect(councilTimeZone()).toBe("America/New_York");
    expect(formatTimestamp("2026-03-31T15:05:00.000Z")).toBe("31 March 2026 at 11:05am");
    expect(currentPeriod(new Date("2026-04-01T03:30:00Z"))).toBe("2026-03");
    await refreshCouncilSettings(serverSays("Europe/London"));
    expect(currentPeriod(new Date("2026-04-01T03:30:00Z"))).toBe("2026-04");
  });

  it("counts", () => {
    expect(countOf(1, "spend")).toBe("1 spend");
    expect(countOf(1200, "spend")).toBe("1,200 spends");
  });
});
