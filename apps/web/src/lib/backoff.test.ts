import { describe, expect, it } from "vitest";
import { FIRST_RETRY_MS, MAX_RETRY_MS, backoffDelay } from "./backoff.ts";

describe("backoffDelay", () => {
  it("doubles from 5 seconds and stops at 5 minutes", () => {
    const middle = () => 0.5; // no jitter
    expect(backoffDelay(1, middle)).toBe(FIRST_RETRY_MS);
    expect(backoffDelay(2, middle)).toBe(2 * FIRST_RETRY_MS);
    expect(backoffDelay(3, middle)).toBe(4 * FIRST_RETRY_MS);
    expect(backoffDelay(7, middle)).toBe(MAX_RETRY_MS);
    expect(backoffDelay(500, middle)).toBe(MAX_RETRY_MS);
    expect(backoffDelay(0, middle)).toBe(FIRST_RETRY_MS);
  });

  it("spreads retries by up to 20% either way, so phones do not all retry at once", () => {
    expect(backoffDelay(1, () => 0)).toBe(0.8 * FIRST_RETRY_MS);
    expect(backoffDelay(1, () => 1)).toBe(1.2 * FIRST_RETRY_MS);
    expect(backoffDelay(99, () => 1)).toBe(1.2 * MAX_RETRY_MS);
  });
});
