import { encodeSignerKey, encodeVerifierKey, parseCheckpoint, parseNote, signerKeyFromSeed } from "@greentape/log/note";
import { sql } from "drizzle-orm";
import { scalar } from "./factories.ts";
import type { TestApp } from "./test-app.ts";

/** Test apps sign with a fixed key, so a test can tell the log's signature from another's. */
export const TEST_LOG_ORIGIN = "test.green-tape.invalid/log";
export const TEST_LOG_SIGNER = signerKeyFromSeed(TEST_LOG_ORIGIN, new Uint8Array(32).fill(7));
export const TEST_LOG_VKEY = encodeVerifierKey(TEST_LOG_SIGNER);
export const TEST_LOG_ENV = { LOG_ORIGIN: TEST_LOG_ORIGIN, LOG_SIGNING_KEY: encodeSignerKey(TEST_LOG_SIGNER), LOG_SEAL_POLL_MS: "50" };

export function checkpointSize(note: string): number {
  return parseCheckpoint(parseNote(note).body).size;
}

/** Waits until the latest checkpoint seals at least `size` entries; answers that checkpoint. */
export async function waitForCheckpoint(url: string, size: number, timeoutMs = 5000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}/api/log/checkpoint`);
    if (res.ok) {
      const note = await res.text();
      if (checkpointSize(note) >= size) return note;
    }
    if (Date.now() > until) throw new Error(`no checkpoint of ${size} entries within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until every event committed so far is sealed; answers the checkpoint that seals them. */
export async function waitForAllSealed(t: TestApp, timeoutMs = 5000): Promise<string> {
  return waitForCheckpoint(t.url, await scalar<number>(t, sql`select count(*)::int as value from events`), timeoutMs);
}
