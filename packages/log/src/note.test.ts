import { describe, expect, it } from "vitest";
import { bytesToHex } from "./bytes.ts";
import { EMPTY_ROOT, leafHash } from "./hash.ts";
import {
  checkpointBody,
  encodeSignerKey,
  encodeVerifierKey,
  NoteFormatError,
  parseCheckpoint,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signersOf,
  signerKeyFromSeed,
  signNote,
} from "./note.ts";

// The example key pair and note of Go's golang.org/x/mod/sumdb/note documentation.
const GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_SIGNED = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const seed = (byte: number) => new Uint8Array(32).fill(byte);

describe("C2SP signed notes and checkpoints", () => {
  it("reads and writes Go's note keys and reproduces its signed example byte for byte", () => {
    const signer = parseSignerKey(GO_SIGNER);
    expect(encodeSignerKey(signer)).toBe(GO_SIGNER);
    expect(encodeVerifierKey(signer)).toBe(GO_VERIFIER);
    const verifier = parseVerifierKey(GO_VERIFIER);
    expect(bytesToHex(verifier.keyId)).toBe("c74f20a3");
    expect(signNote(GO_TEXT, signer)).toBe(GO_SIGNED);
    expect(signersOf(parseNote(GO_SIGNED), [verifier])).toEqual([verifier]);
  });

  it("a checkpoint body is origin, size and base64 root, each on its own line", () => {
    const body = checkpointBody({ origin: "example.gov.uk/log", size: 0, root: EMPTY_ROOT });
    expect(body).toBe("example.gov.uk/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    const read = parseCheckpoint(body);
    expect(read).toMatchObject({ origin: "example.gov.uk/log", size: 0, extensions: [] });
    expect(bytesToHex(read.root)).toBe(bytesToHex(EMPTY_ROOT));
    for (const bad of ["o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "o\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "o\n1\nAAAA\n", "o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"]) {
      expect(() => parseCheckpoint(bad)).toThrow(NoteFormatError);
    }
  });

  it("a signature verifies only with the key that made it, over exactly the body", () => {
    const ours = signerKeyFromSeed("example.gov.uk/log", seed(1));
    const theirs = signerKeyFromSeed("example.gov.uk/log", seed(2));
    const body = checkpointBody({ origin: "example.gov.uk/log", size: 1, root: leafHash("x") });
    const signed = parseNote(signNote(body, ours));
    expect(signersOf(signed, [ours])).toHaveLength(1);
    expect(signersOf(signed, [theirs])).toHaveLength(0);
    expect(signersOf({ ...signed, body: body.replace("\n1\n", "\n2\n") }, [ours])).toHaveLength(0);
    const flipped = signed.signatures.map((s) => ({ ...s, signature: s.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) }));
    expect(signersOf({ ...signed, signatures: flipped }, [ours])).toHaveLength(0);
  });

  it("refuses malformed notes and keys", () => {
    expect(() => parseNote("no signatures\n")).toThrow(NoteFormatError);
    expect(() => parseNote("text\n\n- dash x\n")).toThrow(NoteFormatError);
    expect(() => parseVerifierKey("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")).toThrow(/key id/);
    expect(() => parseVerifierKey("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")).toThrow(NoteFormatError);
    expect(() => parseSignerKey(GO_VERIFIER)).toThrow(NoteFormatError);
  });
});
