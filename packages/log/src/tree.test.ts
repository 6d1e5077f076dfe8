import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "./bytes.ts";
import { leafHash } from "./hash.ts";
import {
  assemble,
  consistencyPlan,
  inclusionPlan,
  lookupFrom,
  nodesNeeded,
  rootOf,
  TreeFrontier,
  verifyConsistency,
  verifyInclusion,
  type StoredNode,
} from "./tree.ts";

interface Vectors {
  source: string;
  leavesHex: string[];
  rootsHexBySize: Record<string, string>;
  inclusionProofs: { leafIndex: number; treeSize: number; proofHex: string[] }[];
  consistencyProofs: { size1: number; size2: number; proofHex: string[] }[];
}

// transparency-dev/merkle's vectors (Apache 2.0); the file names its source in its "source" field.
const vectors = JSON.parse(readFileSync(new URL("../../../tests/fixtures/rfc6962-merkle-vectors.json", import.meta.url), "utf8")) as Vectors;
const leaves = vectors.leavesHex.map((hex) => leafHash(hexToBytes(hex)));
const rootOfSize = (size: number) => hexToBytes(vectors.rootsHexBySize[String(size)] as string);

/** A tree of the vectors' leaves as the sequencer stores it: every perfect node, appended leaf by leaf. */
function storedTree(size: number): StoredNode[] {
  const frontier = TreeFrontier.empty();
  return leaves.slice(0, size).flatMap((leaf) => frontier.append(leaf));
}

function prove(ranges: ReturnType<typeof inclusionPlan>, size: number): Uint8Array[] {
  const nodes = storedTree(size);
  const needed = new Set(nodesNeeded(ranges).map((n) => `${n.level}/${n.index}`));
  // Only what the plan asked for is handed over: assembling must need nothing else.
  return assemble(ranges, lookupFrom(nodes.filter((n) => needed.has(`${n.level}/${n.index}`))));
}

const hex = (proof: Uint8Array[]) => proof.map(bytesToHex);

function flipBit(proof: Uint8Array[], at: number): Uint8Array[] {
  return proof.map((p, i) => {
    if (i !== at) return p;
    const copy = p.slice();
    copy[7] = (copy[7] as number) ^ 0x10;
    return copy;
  });
}

describe("RFC 9162 Merkle tree, against transparency-dev's vectors", () => {
  it("the vectors file names its source", () => {
    expect(vectors.source).toMatch(/transparency-dev\/merkle.*Apache License 2\.0/);
  });

  it("reproduces the root of every size from 0 to 8, whole and as the frontier grows", () => {
    const frontier = TreeFrontier.empty();
    expect(bytesToHex(frontier.root())).toBe(vectors.rootsHexBySize["0"]);
    for (let size = 1; size <= leaves.length; size += 1) {
      frontier.append(leaves[size - 1] as Uint8Array);
      expect(bytesToHex(frontier.root())).toBe(vectors.rootsHexBySize[String(size)]);
      expect(bytesToHex(rootOf(leaves.slice(0, size)))).toBe(vectors.rootsHexBySize[String(size)]);
      // A frontier rebuilt from stored nodes (as a sequencer taking over does) carries on the same.
      const reloaded = TreeFrontier.fromNodes(size, lookupFrom(storedTree(size)));
      expect(bytesToHex(reloaded.root())).toBe(vectors.rootsHexBySize[String(size)]);
    }
  });

  it.each(vectors.inclusionProofs)("inclusion of leaf $leafIndex in $treeSize: generated and verified", ({ leafIndex, treeSize, proofHex }) => {
    const proof = prove(inclusionPlan(leafIndex, treeSize), treeSize);
    expect(hex(proof)).toEqual(proofHex);
    expect(verifyInclusion(leafIndex, treeSize, leaves[leafIndex] as Uint8Array, proof, rootOfSize(treeSize))).toBe(true);
  });

  it.each(vectors.consistencyProofs)("consistency of $size1 with $size2: generated and verified", ({ size1, size2, proofHex }) => {
    const proof = prove(consistencyPlan(size1, size2), size2);
    expect(hex(proof)).toEqual(proofHex);
    expect(verifyConsistency(size1, size2, rootOfSize(size1), rootOfSize(size2), proof)).toBe(true);
  });

  it.each(vectors.inclusionProofs)("refuses a tampered inclusion proof of leaf $leafIndex in $treeSize", ({ leafIndex, treeSize, proofHex }) => {
    const proof = proofHex.map(hexToBytes);
    const leaf = leaves[leafIndex] as Uint8Array;
    const root = rootOfSize(treeSize);
    const refused = (p: Uint8Array[], index = leafIndex, size = treeSize, r: Uint8Array = root, l: Uint8Array = leaf) => expect(verifyInclusion(index, size, l, p, r)).toBe(false);
    for (let i = 0; i < proof.length; i += 1) {
      refused(flipBit(proof, i));
      refused(proof.filter((_, j) => j !== i));
    }
    refused([...proof, leaf]);
    refused([leaf, ...proof]);
    for (let index = 0; index <= treeSize; index += 1) if (index !== leafIndex) refused(proof, index);
    refused(proof, -1);
    for (let size = 1; size <= 8; size += 1) if (size !== treeSize) refused(proof, leafIndex, size, rootOfSize(size));
    refused(proof, leafIndex, treeSize, root, flipBit([leaf], 0)[0] as Uint8Array);
    refused(proof, leafIndex, treeSize, flipBit([root], 0)[0] as Uint8Array);
  });

  it.each(vectors.consistencyProofs)("refuses a tampered consistency proof of $size1 with $size2", ({ size1, size2, proofHex }) => {
    const proof = proofHex.map(hexToBytes);
    const refused = (p: Uint8Array[], from = size1, to = size2) => expect(verifyConsistency(from, to, rootOfSize(from), rootOfSize(to), p)).toBe(false);
    for (let i = 0; i < proof.length; i += 1) {
      refused(flipBit(proof, i));
      refused(proof.filter((_, j) => j !== i));
    }
    refused([...proof, leaves[0] as Uint8Array]);
    refused([leaves[0] as Uint8Array, ...proof]);
    for (let from = 1; from <= 8; from += 1) if (from !== size1 && from <= size2) refused(proof, from, size2);
    for (let to = 1; to <= 8; to += 1) if (to !== size2 && to >= size1) refused(proof, size1, to);
    expect(verifyConsistency(size2 + 1, size2, rootOfSize(size2), rootOfSize(size2), proof)).toBe(false);
    // The right sizes with a first root that is not the first tree's.
    expect(verifyConsistency(size1, size2, flipBit([rootOfSize(size1)], 0)[0] as Uint8Array, rootOfSize(size2), proof)).toBe(false);
    expect(verifyConsistency(size1, size2, rootOfSize(size1), flipBit([rootOfSize(size2)], 0)[0] as Uint8Array, proof)).toBe(false);
  });

  it("generates proofs that verify for every index and size pair of a larger tree", () => {
    const many = Array.from({ length: 70 }, (_, i) => leafHash(`entry ${i}`));
    const frontier = TreeFrontier.empty();
    const nodes = many.flatMap((leaf) => frontier.append(leaf));
    const lookup = lookupFrom(nodes);
    const roots = many.map((_, i) => rootOf(many.slice(0, i + 1)));
    for (let size = 1; size <= many.length; size += 1) {
      for (let index = 0; index < size; index += 1) {
        expect(verifyInclusion(index, size, many[index] as Uint8Array, assemble(inclusionPlan(index, size), lookup), roots[size - 1] as Uint8Array)).toBe(true);
      }
      for (let from = 1; from <= size; from += 1) {
        const proof = assemble(consistencyPlan(from, size), lookup);
        expect(verifyConsistency(from, size, roots[from - 1] as Uint8Array, roots[size - 1] as Uint8Array, proof)).toBe(true);
      }
    }
  });

  it("plans refuse an index at or past the size, and a first size past the second", () => {
    expect(() => inclusionPlan(3, 3)).toThrow(RangeError);
    expect(() => consistencyPlan(4, 3)).toThrow(RangeError);
    expect(consistencyPlan(0, 5)).toEqual([]);
    expect(verifyConsistency(0, 5, rootOfSize(0), rootOfSize(5), [])).toBe(true);
  });
});
