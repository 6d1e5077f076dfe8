/** RFC 9162 §2.1 hashing: leaves and interior nodes are hashed with distinct one-byte prefixes. */
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, utf8ToBytes } from "./bytes.ts";

export const HASH_SIZE = 32;
const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

export { sha256 };

/** The hash of an empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** SHA-256(0x00 || leaf). A string is hashed as its UTF-8 bytes. */
export function leafHash(leaf: Uint8Array | string): Uint8Array {
  return sha256(concatBytes(LEAF_PREFIX, typeof leaf === "string" ? utf8ToBytes(leaf) : leaf));
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(NODE_PREFIX, left, right));
}
