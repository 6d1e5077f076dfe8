/**
 * Reproducible audit samples. Anyone holding the seed, the parameters and the list of items can
 * redraw a sample with a few lines of code in any language and get the same answer, which is what
 * lets an outside auditor trust it. Hashing uses Web Crypto (`crypto.subtle`), so this runs the
 * same in Node and in a browser, and every function here is async.
 *
 * The random method is Ronald L. Rivest's SHA-256 sampler ("sampler.py", 2011), the one used to
 * pick ballots in US election audits; it reproduces the public test vectors of
 * cjerdonek/rivest-sampler-tests. Change nothing here without bumping SAMPLER_VERSION: recorded
 * samples name the version that drew them.
 */

/**
 * Recorded with every sample so it can be recomputed later by the same algorithm.
 * - random: `rivestSampleWithoutReplacement` (Rivest picks, repeats skipped).
 * - monetary_unit: `monetaryUnitSample`.
 * - datasetDigest: `datasetDigest`.
 */
export const SAMPLER_VERSION = {
  random: "rivest-sha256-distinct/1",
  monetary_unit: "mus-sha256-fixed-interval/1",
  datasetDigest: "sha256-sorted-id-amount-lines/1",
} as const;

export interface SampleItem {
  id: string;
  amount: number;
}

const encoder = new TextEncoder();
// Enough hashes in flight to keep Web Crypto busy without holding big arrays.
const HASH_BATCH = 512;

function hex(buffer: ArrayBuffer): string {
  let out = "";
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, "0");
  return out;
}

async function sha256Hex(text: string): Promise<string> {
  return hex(await globalThis.crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** SHA-256 of the UTF-8 bytes of `${seed},${i}`, read as a big-endian unsigned integer. */
export async function rivestHash(seed: string, i: number): Promise<bigint> {
  return BigInt(`0x${await sha256Hex(`${seed},${i}`)}`);
}

function requirePositiveInteger(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${n}`);
}

function requireCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`count must be a non-negative integer, got ${n}`);
}

/** Picks firstIndex, firstIndex+1, … (howMany of them), each in 1..total. */
async function picksFrom(seed: string, total: bigint, firstIndex: number, howMany: number): Promise<number[]> {
  const hashes = await Promise.all(
    Array.from({ length: howMany }, (_, k) => rivestHash(seed, firstIndex + k)),
  );
  return hashes.map((h) => Number(h % total) + 1);
}

/**
 * Rivest's sampler, with replacement: pick i (i = 1, 2, …, count) is
 *   SHA-256(UTF-8(seed + "," + decimal(i))) read big-endian, mod total, plus 1.
 * The seed is used exactly as written ("00" and "0" differ). Repeats are kept, as in the reference.
 */
export async function rivestPicks(seed: string, total: number, count: number): Promise<number[]> {
  requirePositiveInteger("total", total);
  requireCount(count);
  const picks: number[] = [];
  for (let first = 1; picks.length < count; first += HASH_BATCH) {
    picks.push(...(await picksFrom(seed, BigInt(total), first, Math.min(HASH_BATCH, count - picks.length))));
  }
  return picks;
}

/**
 * Rivest's picks 1, 2, 3, … with any number already drawn skipped, until min(count, total)
 * distinct numbers (each in 1..total) are held; returned in the order first drawn.
 * Expected cost is about total·ln(total/(total−count)) hashes, so drawing nearly the whole
 * population is slow for large totals (coupon collector); audit samples are small.
 */
export async function rivestSampleWithoutReplacement(seed: string, total: number, count: number): Promise<number[]> {
  requirePositiveInteger("total", total);
  requireCount(count);
  const wanted = Math.min(count, total);
  const seen = new Set<number>();
  const picks: number[] = [];
  let next = 1;
  while (picks.length < wanted) {
    const batch = Math.min(HASH_BATCH, Math.max(16, wanted - picks.length));
    for (const pick of await picksFrom(seed, BigInt(total), next, batch)) {
      if (picks.length === wanted) break;
      if (seen.has(pick)) continue;
      seen.add(pick);
      picks.push(pick);
    }
    next += batch;
  }
  return picks;
}

function byId(a: SampleItem, b: SampleItem): number {
  // Code-unit order, never locale order: the same on every machine.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function requireCleanIds(items: readonly SampleItem[]): void {
  for (const item of items) {
    if (item.id.includes(",") || item.id.includes("\n")) {
      throw new RangeError(`Item id must not contain a comma or newline: ${JSON.stringify(item.id)}`);
    }
  }
}

/**
 * Fingerprint of the population a sample was drawn from. Sort the items by id ascending in plain
 * code-unit order (JavaScript `<` on strings; for ASCII ids such as UUIDs, byte order), write
 * each as the line `${id},${amount}\n` (amount as a plain decimal integer of minor units), join,
 * and take the lowercase hex SHA-256 of the UTF-8 bytes. Input order does not matter.
 */
export async function datasetDigest(items: readonly SampleItem[]): Promise<string> {
  requireCleanIds(items);
  for (const item of items) {
    if (!Number.isSafeInteger(item.amount)) throw new RangeError(`Amount of ${item.id} must be a safe integer`);
  }
  const lines = [...items].sort(byId).map((item) => `${item.id},${item.amount}\n`);
  return sha256Hex(lines.join(""));
}

/**
 * Monetary unit sampling: every penny has the same chance, so an item's chance is proportional
 * to its amount. Exact algorithm, all in integers:
 *
 *   1. Sort items by id ascending (code-unit order, as in datasetDigest). Every amount must be a
 *      positive safe integer of minor units; ids must be distinct.
 *   2. T = sum of amounts, n = count. The sampling interval is T/n pennies. To stay in integers,
 *      measure in 1/n-ths of a penny: the interval is then exactly T units.
 *   3. start s = (SHA-256(UTF-8(seed + ",1")) read big-endian) mod T, i.e. Rivest's hash for
 *      i = 1 taken mod the interval. So 0 <= s < T.
 *   4. Hit points are h_k = s + k·T for k = 0 … n−1 (in 1/n-th pennies).
 *   5. Item j with cumulative amounts C_{j−1} (before it) and C_j (including it) is selected
 *      when some hit point satisfies C_{j−1}·n <= h_k < C_j·n.
 *   6. Return the ids of selected items in sorted-id order, each once: an item larger than the
 *      interval may hold several hit points but counts once, so fewer than n ids can come back.
 *
 * count 0 or no items gives []. Runs in O(m log m) for m items, with a single hash.
 */
export async function monetaryUnitSample(seed: string, items: readonly SampleItem[], count: number): Promise<string[]> {
  requireCount(count);
  const seen = new Set<string>();
  for (const item of items) {
    if (!Number.isSafeInteger(item.amount) || item.amount < 1) {
      throw new RangeError(`Amount of ${item.id} must be a positive integer of minor units, got ${item.amount}`);
    }
    if (seen.has(item.id)) throw new RangeError(`Duplicate item id ${JSON.stringify(item.id)}`);
    seen.add(item.id);
  }
  if (count === 0 || items.length === 0) return [];

  const sorted = [...items].sort(byId);
  const n = BigInt(count);
  const total = sorted.reduce((sum, item) => sum + BigInt(item.amount), 0n);
  let hit = (await rivestHash(seed, 1)) % total;
  let hitsLeft = count;
  let cumulative = 0n;
  const chosen: string[] = [];
  for (const item of sorted) {
    cumulative += BigInt(item.amount);
    const end = cumulative * n;
    let selected = false;
    while (hitsLeft > 0 && hit < end) {
      selected = true;
      hit += total;
      hitsLeft -= 1;
    }
    if (selected) chosen.push(item.id);
    if (hitsLeft === 0) break;
  }
  return chosen;
}
