/**
 * A Merkle tree in the manner of RFC 9162 §2.1 (Certificate Transparency v2), pure and
 * storage-agnostic. The only hashes ever stored are those of *perfect* subtrees: node (level, index)
 * covers leaves [index·2^level, (index+1)·2^level) and, once written, never changes. Every hash a
 * proof needs is a perfect subtree or a right-edge range that folds from perfect subtrees, so a
 * proof is planned as ranges, the perfect nodes they need are fetched in one go, and then assembled.
 */
import { equalBytes } from "./bytes.ts";
import { EMPTY_ROOT, nodeHash } from "./hash.ts";

export interface NodeId {
  level: number;
  index: number;
}

export interface StoredNode extends NodeId {
  hash: Uint8Array;
}

/** Leaves [start, end) of the tree: one hash in a proof. */
export interface Range {
  start: number;
  end: number;
}

function checkSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of at least 0`);
}

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that make up [start, end), left to right, largest first. For the ranges
 * RFC 9162's proofs use, MTH of the range is these folded from the right.
 */
function perfectSubtrees(range: Range): NodeId[] {
  const out: NodeId[] = [];
  let at = range.start;
  while (at < range.end) {
    let level = 0;
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= range.end) level += 1;
    out.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return out;
}

function nodeKey(node: NodeId): string {
  return `${node.level}/${node.index}`;
}

/** Looks a perfect subtree's hash up among those fetched; a missing one is a storage fault. */
export type NodeLookup = (node: NodeId) => Uint8Array;

export function lookupFrom(nodes: Iterable<StoredNode>): NodeLookup {
  const byKey = new Map<string, Uint8Array>();
  for (const node of nodes) byKey.set(nodeKey(node), node.hash);
  return (node) => {
    const hash = byKey.get(nodeKey(node));
    if (!hash) throw new Error(`tree node ${nodeKey(node)} is missing`);
    return hash;
  };
}

/** MTH of a range, from its perfect subtrees. */
function rangeHash(range: Range, lookup: NodeLookup): Uint8Array {
  if (range.end <= range.start) return EMPTY_ROOT;
  const parts = perfectSubtrees(range).map(lookup);
  let hash = parts.pop() as Uint8Array;
  while (parts.length > 0) hash = nodeHash(parts.pop() as Uint8Array, hash);
  return hash;
}

/** The distinct perfect nodes a list of ranges needs, for one fetch. */
export function nodesNeeded(ranges: readonly Range[]): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const range of ranges) for (const node of perfectSubtrees(range)) seen.set(nodeKey(node), node);
  return [...seen.values()];
}

export function assemble(ranges: readonly Range[], lookup: NodeLookup): Uint8Array[] {
  return ranges.map((range) => rangeHash(range, lookup));
}

/** RFC 9162 §2.1.3.1: the ranges whose hashes prove leaf `index` is in the tree of `size` leaves. */
export function inclusionPlan(index: number, size: number): Range[] {
  checkSize("index", index);
  checkSize("size", size);
  if (index >= size) throw new RangeError("index must be below the tree size");
  const path = (m: number, start: number, end: number): Range[] => {
    if (end - start === 1) return [];
    const k = splitPoint(end - start);
    return m < k ? [...path(m, start, start + k), { start: start + k, end }] : [...path(m - k, start + k, end), { start, end: start + k }];
  };
  return path(index, 0, size);
}

/** RFC 9162 §2.1.4.1: the ranges whose hashes prove the tree of `from` leaves is a prefix of the one of `to`. */
export function consistencyPlan(from: number, to: number): Range[] {
  checkSize("from", from);
  checkSize("to", to);
  if (from > to) throw new RangeError("from must not be past to");
  if (from === 0 || from === to) return [];
  const subproof = (m: number, start: number, end: number, whole: boolean): Range[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [{ start, end }];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, start + k, whole), { start: start + k, end }]
      : [...subproof(m - k, start + k, end, false), { start, end: start + k }];
  };
  return subproof(from, 0, to, true);
}

/** RFC 9162 §2.1.3.2. True only when `proof` leads from the leaf to `root` for exactly this index and size. */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(r, root);
}

/** RFC 9162 §2.1.4.2, with the two cases it leaves to the caller: equal sizes, and an empty first tree. */
export function verifyConsistency(from: number, to: number, fromRoot: Uint8Array, toRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) return false;
  if (from === to) return proof.length === 0 && equalBytes(fromRoot, toRoot);
  if (from === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = [...proof];
  // A first tree whose size is a power of two is itself a node of the second: its root starts the path.
  if ((from & (from - 1)) === 0) path.unshift(fromRoot);
  let fn = BigInt(from - 1);
  let sn = BigInt(to - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(fr, fromRoot) && equalBytes(sr, toRoot);
}

/**
 * The right edge of a tree: the perfect subtrees that make up [0, size), largest first. Enough to
 * append leaves and to compute the root, so the sequencer and the verifiers carry only this.
 */
export class TreeFrontier {
  private constructor(
    private currentSize: number,
    private readonly edge: StoredNode[],
  ) {}

  static empty(): TreeFrontier {
    return new TreeFrontier(0, []);
  }

  /** The nodes a frontier of `size` leaves is made from (fetch them, then `fromNodes`). */
  static nodesFor(size: number): NodeId[] {
    checkSize("size", size);
    return perfectSubtrees({ start: 0, end: size });
  }

  static fromNodes(size: number, lookup: NodeLookup): TreeFrontier {
    return new TreeFrontier(
      size,
      TreeFrontier.nodesFor(size).map((node) => ({ ...node, hash: lookup(node) })),
    );
  }

  get size(): number {
    return this.currentSize;
  }

  /** Appends one leaf hash; answers every perfect node it completes, the leaf itself first. */
  append(leaf: Uint8Array): StoredNode[] {
    let node: StoredNode = { level: 0, index: this.currentSize, hash: leaf };
    const made = [node];
    while (this.edge.length > 0 && (this.edge.at(-1) as StoredNode).level === node.level) {
      const left = this.edge.pop() as StoredNode;
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      made.push(node);
    }
    this.edge.push(node);
    this.currentSize += 1;
    return made;
  }

  root(): Uint8Array {
    if (this.edge.length === 0) return EMPTY_ROOT;
    let hash = (this.edge.at(-1) as StoredNode).hash;
    for (let i = this.edge.length - 2; i >= 0; i -= 1) hash = nodeHash((this.edge[i] as StoredNode).hash, hash);
    return hash;
  }

  clone(): TreeFrontier {
    return new TreeFrontier(this.currentSize, [...this.edge]);
  }
}

/** MTH of a whole list of leaf hashes (for tests and small trees). */
export function rootOf(leaves: readonly Uint8Array[]): Uint8Array {
  const frontier = TreeFrontier.empty();
  for (const leaf of leaves) frontier.append(leaf);
  return frontier.root();
}
