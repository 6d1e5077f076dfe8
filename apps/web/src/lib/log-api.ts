// The verifiable event log as the browser checks it: the log's key, its latest signed checkpoint,
// and what a checkpoint says once its signature holds. The checks themselves are
// @greentape/log's, the same code the server and the command-line verifier use.
import { fromBase64, toBase64 } from "@greentape/log/bytes";
import { parseCheckpoint, parseNote, parseVerifierKey, signersOf } from "@greentape/log/note";
import type { VerifierKey } from "@greentape/log/note";
import { apiFetch } from "./api-client.ts";

export interface SignedCheckpoint {
  /** The signed note exactly as the server gave it. */
  note: string;
  origin: string;
  size: number;
  /** Base64, as in the note. */
  root: string;
}

export async function fetchText(path: string): Promise<string> {
  return (await apiFetch(path)).text();
}

/** The log's verifier key (C2SP vkey), as GET /api/log/key gives it. */
export async function fetchLogKey(): Promise<{ text: string; key: VerifierKey }> {
  const text = (await fetchText("/api/log/key")).trim();
  return { text, key: parseVerifierKey(text) };
}

/** Reads a signed checkpoint; null when it is malformed or not signed by `key`. */
export function readCheckpoint(note: string, key: VerifierKey): SignedCheckpoint | null {
  try {
    const signed = parseNote(note);
    if (signersOf(signed, [key]).length === 0) return null;
    const checkpoint = parseCheckpoint(signed.body);
    return { note, origin: checkpoint.origin, size: checkpoint.size, root: toBase64(checkpoint.root) };
  } catch {
    return null;
  }
}

export const rootBytes = (checkpoint: SignedCheckpoint) => fromBase64(checkpoint.root);
