// For the web's unit tests only: fetch answered by a handler, every call recorded, and the API
// client's session state reset around each test.
import { afterEach, beforeEach, vi } from "vitest";
import { onSessionEnded, setAccessToken } from "./api-client.ts";

export type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

/** The calls fetch received since the last `serve`, in order. */
export let calls: { url: string; init: RequestInit }[] = [];

/** Stubs the global fetch with `handler` for the rest of the test. */
export function serve(handler: Handler): void {
  calls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return handler(url, init);
    }),
  );
}

export const authHeader = (init: RequestInit) => (init.headers as Record<string, string> | undefined)?.Authorization;

/** Each test starts signed out with no session listener, and gets the real fetch back after. */
export function resetApiClientAroundEachTest(): void {
  beforeEach(() => {
    setAccessToken(null);
    onSessionEnded(null);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
}
