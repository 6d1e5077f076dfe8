/**
 * C2SP formats, so any transparency tool can read what we publish:
 * - tlog-checkpoint (c2sp.org/tlog-checkpoint): "<origin>\n<tree size>\n<base64 root>\n"
 * - signed-note (c2sp.org/signed-note): the body, an empty line, then "— <name> <base64(key id || signature)>\n" lines
 * - Ed25519 verifier keys "<name>+<key id hex>+<base64(0x01 || public key)>", key id = SHA-256(name || "\n" || 0x01 || key)[:4],
 *   and the matching private keys "PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 || seed)>" (Go's golang.org/x/mod/sumdb/note).
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToHex, concatBytes, equalBytes, fromBase64, toBase64, utf8ToBytes } from "./bytes.ts";
import { HASH_SIZE, sha256 } from "./hash.ts";

const ED25519_ALG = 0x01;
const SIGNATURE_DASH = "\u2014";

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  /** Extension lines after the root, each without its newline. */
  extensions: string[];
}

export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  signature: Uint8Array;
}

export interface SignedNote {
  /** The signed text, ending in "\n". */
  body: string;
  signatures: NoteSignature[];
}

export interface VerifierKey {
  name: string;
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

export interface SignerKey extends VerifierKey {
  seed: Uint8Array;
}

export class NoteFormatError extends Error {}

function validName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

export function checkpointBody(checkpoint: Pick<Checkpoint, "origin" | "size" | "root"> & { extensions?: string[] }): string {
  if (!checkpoint.origin || /\n/.test(checkpoint.origin)) throw new NoteFormatError("the origin must be one non-empty line");
  return [checkpoint.origin, String(checkpoint.size), toBase64(checkpoint.root), ...(checkpoint.extensions ?? [])].map((line) => `${line}\n`).join("");
}

export function parseCheckpoint(body: string): Checkpoint {
  if (!body.endsWith("\n")) throw new NoteFormatError("a checkpoint ends with a newline");
  const [origin, sizeText, rootText, ...extensions] = body.slice(0, -1).split("\n");
  if (!origin) throw new NoteFormatError("a checkpoint starts with its origin line");
  if (sizeText === undefined || !/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new NoteFormatError("a checkpoint's second line is its tree size in decimal");
  }
  let root: Uint8Array;
  try {
    root = fromBase64(rootText ?? "");
  } catch {
    throw new NoteFormatError("a checkpoint's third line is its root hash in base64");
  }
  if (root.length !== HASH_SIZE) throw new NoteFormatError("a checkpoint's root hash has 32 bytes");
  if (extensions.some((line) => line === "")) throw new NoteFormatError("a checkpoint has no empty lines");
  return { origin, size: Number(sizeText), root, extensions };
}

function keyId(name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(concatBytes(utf8ToBytes(name), utf8ToBytes("\n"), new Uint8Array([ED25519_ALG]), publicKey)).slice(0, 4);
}

export function encodeVerifierKey(key: Pick<VerifierKey, "name" | "publicKey">): string {
  return `${key.name}+${bytesToHex(keyId(key.name, key.publicKey))}+${toBase64(concatBytes(new Uint8Array([ED25519_ALG]), key.publicKey))}`;
}

function parseKeyParts(name: string | undefined, idHex: string | undefined, keyText: string | undefined, what: string) {
  if (!name || !validName(name)) throw new NoteFormatError(`${what}: the key name is empty or holds a space or a plus`);
  if (!idHex || !/^[0-9a-f]{8}$/.test(idHex)) throw new NoteFormatError(`${what}: the key id is 8 hex digits`);
  let key: Uint8Array;
  try {
    key = fromBase64(keyText ?? "");
  } catch {
    throw new NoteFormatError(`${what}: the key is not base64`);
  }
  if (key.length !== 33 || key[0] !== ED25519_ALG) throw new NoteFormatError(`${what}: only Ed25519 keys (0x01 and 32 bytes) are accepted`);
  return { name, idHex, material: key.slice(1) };
}

/** Splits at the first `count` plus signs only: base64 holds plus signs too. */
function splitFields(text: string, count: number): string[] {
  const parts = text.trim().split("+");
  return parts.length <= count ? parts : [...parts.slice(0, count), parts.slice(count).join("+")];
}

export function parseVerifierKey(text: string): VerifierKey {
  const parts = splitFields(text, 2);
  if (parts.length !== 3) throw new NoteFormatError("a verifier key looks like name+keyid+base64key");
  const { name, idHex, material } = parseKeyParts(parts[0], parts[1], parts[2], "verifier key");
  const id = keyId(name, material);
  if (bytesToHex(id) !== idHex) throw new NoteFormatError("verifier key: the key id does not match the name and key");
  return { name, keyId: id, publicKey: material };
}

export function signerKeyFromSeed(name: string, seed: Uint8Array): SignerKey {
  if (!validName(name)) throw new NoteFormatError("a key name is non-empty and holds no space or plus");
  if (seed.length !== 32) throw new NoteFormatError("an Ed25519 seed has 32 bytes");
  const publicKey = ed25519.getPublicKey(seed);
  return { name, seed, publicKey, keyId: keyId(name, publicKey) };
}

export function encodeSignerKey(key: SignerKey): string {
  return `PRIVATE+KEY+${key.name}+${bytesToHex(key.keyId)}+${toBase64(concatBytes(new Uint8Array([ED25519_ALG]), key.seed))}`;
}

export function parseSignerKey(text: string): SignerKey {
  const parts = splitFields(text, 4);
  if (parts.length !== 5 || parts[0] !== "PRIVATE" || parts[1] !== "KEY") throw new NoteFormatError("a signing key looks like PRIVATE+KEY+name+keyid+base64seed");
  const { name, idHex, material } = parseKeyParts(parts[2], parts[3], parts[4], "signing key");
  const key = signerKeyFromSeed(name, material);
  if (bytesToHex(key.keyId) !== idHex) throw new NoteFormatError("signing key: the key id does not match the name and key");
  return key;
}

function signatureLine(signature: NoteSignature): string {
  return `${SIGNATURE_DASH} ${signature.name} ${toBase64(concatBytes(signature.keyId, signature.signature))}\n`;
}

function formatNote(note: SignedNote): string {
  return `${note.body}\n${note.signatures.map(signatureLine).join("")}`;
}

export function parseNote(text: string): SignedNote {
  const split = text.lastIndexOf("\n\n");
  if (split < 0) throw new NoteFormatError("a signed note is its text, an empty line, then signature lines");
  const body = text.slice(0, split + 1);
  const rest = text.slice(split + 2);
  if (!rest.endsWith("\n")) throw new NoteFormatError("a signed note ends with a newline");
  const signatures = rest
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const match = new RegExp(`^${SIGNATURE_DASH} (\\S+) (\\S+)$`).exec(line);
      if (!match) throw new NoteFormatError("a signature line is an em dash, a space, the key name, a space and base64");
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(match[2] as string);
      } catch {
        throw new NoteFormatError("a signature is base64");
      }
      if (bytes.length < 5) throw new NoteFormatError("a signature holds a 4-byte key id and the signature");
      return { name: match[1] as string, keyId: bytes.slice(0, 4), signature: bytes.slice(4) };
    });
  if (signatures.length === 0) throw new NoteFormatError("a signed note has at least one signature");
  return { body, signatures };
}

/** Checks an Ed25519 signature; the server passes node:crypto's, some thirty times faster than the default. */
export type Ed25519Verify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

const nobleVerify: Ed25519Verify = (signature, message, publicKey) => {
  try {
    return ed25519.verify(signature, message, publicKey);
  } catch {
    return false;
  }
};

/** The keys among `keys` that signed the note validly (matched by name and key id, then by signature). */
export function signersOf(note: SignedNote, keys: readonly VerifierKey[], verify: Ed25519Verify = nobleVerify): VerifierKey[] {
  const message = utf8ToBytes(note.body);
  return keys.filter((key) =>
    note.signatures.some((s) => s.name === key.name && equalBytes(s.keyId, key.keyId) && s.signature.length === 64 && verify(s.signature, message, key.publicKey)),
  );
}

/** Makes an Ed25519 signature; the server passes node:crypto's, some ten times faster than the default. */
export type Ed25519Sign = (message: Uint8Array, key: SignerKey) => Uint8Array;

const nobleSign: Ed25519Sign = (message, key) => ed25519.sign(message, key.seed);

/** Signs `body` as a one-signature note. */
export function signNote(body: string, key: SignerKey, sign: Ed25519Sign = nobleSign): string {
  return formatNote({ body, signatures: [{ name: key.name, keyId: key.keyId, signature: sign(utf8ToBytes(body), key) }] });
}
