import { describe, expect, it } from "vitest";
import { countOutcomes, onTimeRate } from "./track-record.ts";

describe("onTimeRate", () => {
  const today = "2026-03-10";
  it("counts done by the due date as on time, including on the day", () => {
    expect(onTimeRate([{ dueOn: "2026-03-05", doneOn: "2026-03-05" }, { dueOn: "2026-03-05", doneOn: "2026-03-01" }], today)).toEqual({ judged: 2, onTime: 2, late: 0, rate: 1 });
  });
  it("counts done after the due date, and not done past it, as late", () => {
    expect(onTimeRate([{ dueOn: "2026-03-05", doneOn: "2026-03-06" }, { dueOn: "2026-03-09", doneOn: null }], today)).toEqual({ judged: 2, onTime: 0, late: 2, rate: 0 });
  });
  it("leaves out what is not done and not yet due, so a new worker has no rate", () => {
    expect(onTimeRate([{ dueOn: "2026-03-10", doneOn: null }, { dueOn: "2026-03-20", doneOn: null }], today)).toEqual({ judged: 0, onTime: 0, late: 0, rate: null });
  });
  it("mixes", () => {
    const r = onTimeRate([{ dueOn: "2026-03-01", doneOn: "2026-03-01" }, { dueOn: "2026-03-01", doneOn: "2026-03-02" }, { dueOn: "2026-03-02", doneOn: "2026-02-28" }, { dueOn: "2026-03-30", doneOn: null }], today);
    expect(r).toEqual({ judged: 3, onTime: 2, late: 1, rate: 2 / 3 });
  });
});

describe("countOutcomes", () => {
  it("counts each outcome the clients gave, leaving out spends not followed up", () => {
    expect(countOutcomes(["helped_a_lot", null, "helped_a_lot", "could_not_contact"])).toEqual({ helped_a_lot: 2, helped_a_little: 0, no_difference: 0, made_things_worse: 0, could_not_contact: 1 });
  });
});
