// Tests may read files; the package's source may not. The rule exists for src, not for tests.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  SAMPLER_VERSION,
  datasetDigest,
  monetaryUnitSample,
  rivestHash,
  rivestPicks,
  rivestSampleWithoutReplacement,
  type SampleItem,
} from "./sampling.ts";

// A copy of the published vectors lives in the repository, so a clone tests on its own.
const VECTORS_URL = new URL("../../../tests/fixtures/rivest-sampler-tests.json", import.meta.url);

interface RivestCase {
  notes?: string[];
  data: { seed: string; total: number; count: number };
  expected: number[];
}

function loadVectors(): RivestCase[] {
  const parsed: unknown = JSON.parse(readFileSync(VECTORS_URL, "utf8"));
  const tests = (parsed as { tests?: unknown }).tests;
  if (!Array.isArray(tests)) throw new Error("rivest-sampler-tests.json has no tests array");
  for (const t of tests as RivestCase[]) {
    const ok =
      typeof t.data?.seed === "string" &&
      Number.isSafeInteger(t.data.total) &&
      Number.isSafeInteger(t.data.count) &&
      Array.isArray(t.expected) &&
      t.expected.length === t.data.count;
    if (!ok) throw new Error(`Unexpected case shape: ${JSON.stringify(t)}`);
  }
  return tests as RivestCase[];
}

const vectors = loadVectors();

describe("rivestPicks reproduces the public reference vectors", () => {
  it("has the cases it should (so an empty file cannot pass)", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(10);
    expect(vectors.some((t) => new Set(t.expected).size < t.expected.length)).toBe(true);
  });

  it.each(vectors.map((t) => [t.data.seed, t.data.total, t.data.count, t.expected] as const))(
    "seed %j, total %i, count %i",
    async (seed, total, count, expected) => {
      expect(await rivestPicks(seed, total, count)).toEqual(expected);
    },
  );
});

describe("rivestPicks", () => {
  it("is the hash of seed,i mod total plus one", async () => {
    const h = await rivestHash("abc", 2);
    expect((await rivestPicks("abc", 97, 2))[1]).toBe(Number(h % 97n) + 1);
    expect(h).toBeGreaterThan(0n);
    expect(h < 2n ** 256n).toBe(true);
  });

  it("keeps picks in range and stable across batches", async () => {
    const picks = await rivestPicks("batching", 7, 1500);
    expect(picks).toHaveLength(1500);
    expect(picks.every((p) => Number.isInteger(p) && p >= 1 && p <= 7)).toBe(true);
    // Pick 1200 (index 1199) lies in the third batch; it must still be hash(seed,1200) mod 7 + 1.
    expect(picks[1199]).toBe(Number((await rivestHash("batching", 1200)) % 7n) + 1);
    expect(await rivestPicks("batching", 7, 3)).toEqual(picks.slice(0, 3));
  });

  it("gives nothing for count 0 and only 1 for total 1", async () => {
    expect(await rivestPicks("s", 10, 0)).toEqual([]);
    expect(await rivestPicks("s", 1, 4)).toEqual([1, 1, 1, 1]);
  });

  it("refuses bad parameters", async () => {
    await expect(rivestPicks("s", 0, 1)).rejects.toThrow(RangeError);
    await expect(rivestPicks("s", 1.5, 1)).rejects.toThrow(RangeError);
    await expect(rivestPicks("s", 10, -1)).rejects.toThrow(RangeError);
    await expect(rivestPicks("s", 10, 2.5)).rejects.toThrow(RangeError);
  });
});

function distinctInOrder(values: number[]): number[] {
  return [...new Set(values)];
}

describe("rivestSampleWithoutReplacement", () => {
  it("skips the repeat in the reference duplicate case", async () => {
    // With replacement the reference gives [1, 1, 2].
    expect(await rivestSampleWithoutReplacement("0", 2, 3)).toEqual([1, 2]);
    expect(await rivestSampleWithoutReplacement("0", 2, 2)).toEqual([1, 2]);
    expect(await rivestSampleWithoutReplacement("0", 2, 1)).toEqual([1]);
  });

  it.each(vectors.map((t) => [t.data.seed, t.data.total, t.data.count] as const))(
    "equals the distinct Rivest picks in draw order (seed %j)",
    async (seed, total, count) => {
      const sample = await rivestSampleWithoutReplacement(seed, total, count);
      const wanted = Math.min(count, total);
      expect(sample).toHaveLength(wanted);
      expect(sample).toEqual(distinctInOrder(await rivestPicks(seed, total, 200)).slice(0, wanted));
    },
  );

  it("draws a whole small population as a permutation", async () => {
    const sample = await rivestSampleWithoutReplacement("all of them", 30, 50);
    expect(sample).toHaveLength(30);
    expect([...sample].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("handles many repeats that span hash batches", async () => {
    const sample = await rivestSampleWithoutReplacement("coupon", 600, 600);
    expect(new Set(sample).size).toBe(600);
    const reference = distinctInOrder(await rivestPicks("coupon", 600, 8_000));
    expect(reference).toHaveLength(600);
    expect(sample).toEqual(reference);
  });

  // Speed is measured by npm run bench (tests/bench/sampling.bench.ts), not by a timed test.
  it("draws distinct picks from 100,000 items", async () => {
    const sample = await rivestSampleWithoutReplacement("big", 100_000, 1_000);
    expect(new Set(sample).size).toBe(1_000);
    expect(sample.every((p) => p >= 1 && p <= 100_000)).toBe(true);
  });

  it("refuses bad parameters", async () => {
    await expect(rivestSampleWithoutReplacement("s", 0, 1)).rejects.toThrow(RangeError);
    await expect(rivestSampleWithoutReplacement("s", 5, -1)).rejects.toThrow(RangeError);
    expect(await rivestSampleWithoutReplacement("s", 5, 0)).toEqual([]);
  });
});

const ITEMS: SampleItem[] = [1250, 300, 5000, 45, 999, 12000, 150, 7500, 80, 2600, 410, 3333].map((amount, i) => ({
  id: `s-${String(i).padStart(2, "0")}`,
  amount,
}));

function shuffled<T>(values: readonly T[]): T[] {
  // Deterministic reversal plus rotation: enough to show input order does not matter.
  const reversed = [...values].reverse();
  return [...reversed.slice(5), ...reversed.slice(0, 5)];
}

describe("monetaryUnitSample", () => {
  // Expected ids come from an independent Python implementation of the algorithm documented in
  // sampling.ts (hashlib.sha256, integer arithmetic); they pin the algorithm for outside auditors.
  it.each([
    ["audit-2026-03", 4, ["s-05", "s-07", "s-11"]],
    ["green tape", 3, ["s-02", "s-05", "s-09"]],
    ["12345", 6, ["s-02", "s-05", "s-07", "s-09", "s-11"]],
    ["x", 12, ["s-02", "s-05", "s-07", "s-09", "s-11"]],
  ])("seed %j, count %i matches the documented algorithm", async (seed, count, expected) => {
    expect(await monetaryUnitSample(seed, ITEMS, count)).toEqual(expected);
  });

  it("does not depend on input order", async () => {
    expect(await monetaryUnitSample("order", shuffled(ITEMS), 5)).toEqual(await monetaryUnitSample("order", ITEMS, 5));
  });

  it("starts at Rivest's first hash mod the interval", async () => {
    // Two equal items, count 1: interval = total, the hit is at s; the first item holds [0, 100).
    const items = [
      { id: "a", amount: 100 },
      { id: "b", amount: 100 },
    ];
    for (const seed of ["p", "q", "r", "s", "t", "u"]) {
      const s = (await rivestHash(seed, 1)) % 200n;
      expect(await monetaryUnitSample(seed, items, 1)).toEqual([s < 100n ? "a" : "b"]);
    }
  });

  it("always selects an item at least as large as the interval", async () => {
    const items = [
      { id: "big", amount: 5000 },
      ...Array.from({ length: 50 }, (_, i) => ({ id: `small-${i}`, amount: 100 })),
    ];
    // total 10,000, count 2 → interval 5,000.
    for (const seed of ["1", "2", "3", "4", "5", "6", "7", "8"]) {
      const sample = await monetaryUnitSample(seed, items, 2);
      expect(sample).toContain("big");
      expect(new Set(sample).size).toBe(sample.length);
    }
  });

  it("returns exactly count distinct ids when every item is below the interval", async () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ id: `i-${String(i).padStart(3, "0")}`, amount: 1 + (i % 17) }));
    const sample = await monetaryUnitSample("distinct", items, 20);
    expect(sample).toHaveLength(20);
    expect(new Set(sample).size).toBe(20);
    expect([...sample].sort()).toEqual(sample);
  });

  it("counts an item hit several times once", async () => {
    const items = [
      { id: "huge", amount: 9_000 },
      { id: "tiny", amount: 1_000 },
    ];
    // interval 1,000: "huge" holds nine hit points.
    const sample = await monetaryUnitSample("many hits", items, 10);
    expect(sample).toEqual(["huge", "tiny"]);
  });

  it("chooses in proportion to amount", async () => {
    const items = [
      { id: "a", amount: 100 },
      { id: "b", amount: 300 },
      { id: "c", amount: 600 },
    ];
    const counts = new Map<string, number>();
    const draws = 3_000;
    for (let i = 0; i < draws; i++) {
      for (const id of await monetaryUnitSample(`seed-${i}`, items, 1)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    // Expected 300, 900, 1800; allow about four standard deviations.
    expect(Math.abs((counts.get("a") ?? 0) - 300)).toBeLessThan(70);
    expect(Math.abs((counts.get("b") ?? 0) - 900)).toBeLessThan(110);
    expect(Math.abs((counts.get("c") ?? 0) - 1800)).toBeLessThan(110);
  });

  it("handles nothing to draw", async () => {
    expect(await monetaryUnitSample("s", [], 5)).toEqual([]);
    expect(await monetaryUnitSample("s", ITEMS, 0)).toEqual([]);
  });

  it("refuses amounts that are not positive integers, duplicate ids and bad counts", async () => {
    await expect(monetaryUnitSample("s", [{ id: "a", amount: 0 }], 1)).rejects.toThrow(RangeError);
    await expect(monetaryUnitSample("s", [{ id: "a", amount: -5 }], 1)).rejects.toThrow(RangeError);
    await expect(monetaryUnitSample("s", [{ id: "a", amount: 1.5 }], 1)).rejects.toThrow(RangeError);
    await expect(
      monetaryUnitSample("s", [
        { id: "a", amount: 1 },
        { id: "a", amount: 2 },
      ], 1),
    ).rejects.toThrow(/Duplicate/);
    await expect(monetaryUnitSample("s", ITEMS, -1)).rejects.toThrow(RangeError);
  });

  it("handles totals beyond Number.MAX_SAFE_INTEGER", async () => {
    const items = [
      { id: "a", amount: Number.MAX_SAFE_INTEGER },
      { id: "b", amount: Number.MAX_SAFE_INTEGER },
      { id: "c", amount: 1 },
    ];
    const sample = await monetaryUnitSample("huge", items, 2);
    expect(sample).toEqual(["a", "b"]);
  });

  it("samples and digests 100,000 items", async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({
      id: `spend-${(i * 7919) % 100_000}`,
      amount: 100 + ((i * 104_729) % 25_000),
    }));
    const sample = await monetaryUnitSample("fast", items, 500);
    const digest = await datasetDigest(items);
    expect(sample.length).toBeGreaterThan(450);
    expect(sample.length).toBeLessThanOrEqual(500);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("datasetDigest", () => {
  // Expected digests from Python: hashlib.sha256("".join(f"{id},{amount}\n" for sorted items)).
  it("matches an independent implementation", async () => {
    expect(await datasetDigest(ITEMS)).toBe("93331ca7597bf58743afc0da6efb56f9b4161a0c9c5b2c470192581499cc4145");
    expect(
      await datasetDigest([
        { id: "b", amount: 2 },
        { id: "a", amount: 1 },
        { id: "B", amount: -3 },
        { id: "é", amount: 7 },
      ]),
    ).toBe("11b9b22f6f3e02e40c245ad170010d4ca893677284cb997742323309aeb41115");
  });

  it("of nothing is the SHA-256 of the empty string", async () => {
    expect(await datasetDigest([])).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("ignores input order but notices any change of id or amount", async () => {
    const base = await datasetDigest(ITEMS);
    expect(await datasetDigest(shuffled(ITEMS))).toBe(base);
    expect(await datasetDigest(ITEMS.map((x, i) => (i === 3 ? { ...x, amount: x.amount + 1 } : x)))).not.toBe(base);
    expect(await datasetDigest(ITEMS.slice(1))).not.toBe(base);
    expect(await datasetDigest(ITEMS.map((x, i) => (i === 0 ? { ...x, id: "s-99" } : x)))).not.toBe(base);
  });

  it("refuses ids that would make the lines ambiguous, and non-integer amounts", async () => {
    await expect(datasetDigest([{ id: "a,b", amount: 1 }])).rejects.toThrow(RangeError);
    await expect(datasetDigest([{ id: "a\nb", amount: 1 }])).rejects.toThrow(RangeError);
    await expect(datasetDigest([{ id: "a", amount: 1.25 }])).rejects.toThrow(RangeError);
  });
});

describe("SAMPLER_VERSION", () => {
  it("names a version for each method the API offers", () => {
    expect(Object.keys(SAMPLER_VERSION).sort()).toEqual(["datasetDigest", "monetary_unit", "random"]);
    expect(new Set(Object.values(SAMPLER_VERSION)).size).toBe(3);
  });
});
