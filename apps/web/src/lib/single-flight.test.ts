import { describe, expect, it } from "vitest";
import { singleFlight } from "./single-flight.ts";

describe("singleFlight", () => {
  it("shares one run between calls made while it runs", async () => {
    let runs = 0;
    let finish: (value: number) => void = () => {};
    const shared = singleFlight(() => {
      runs += 1;
      return new Promise<number>((resolve) => (finish = resolve));
    });
    const first = shared();
    const second = shared();
    expect(second).toBe(first);
    finish(7);
    expect(await second).toBe(7);
    expect(runs).toBe(1);
  });

  it("starts a new run after one that finished without waiting for anything", async () => {
    let runs = 0;
    // An async function that returns before its first await, as a flush does when offline.
    const shared = singleFlight(async (skip: boolean) => {
      runs += 1;
      if (skip) return "skipped";
      await Promise.resolve();
      return "ran";
    });
    expect(await shared(true)).toBe("skipped");
    expect(await shared(false)).toBe("ran");
    expect(runs).toBe(2);
  });

  it("starts a new run after one that failed", async () => {
    let runs = 0;
    const shared = singleFlight(async () => {
      runs += 1;
      if (runs === 1) throw new Error("no signal");
      return "ok";
    });
    await expect(shared()).rejects.toThrow("no signal");
    expect(await shared()).toBe("ok");
  });
});
