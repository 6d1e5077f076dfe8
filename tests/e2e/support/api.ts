// Preparing and checking data through the HTTP API, as the people in a browser test would make
// it; the browser itself is kept for what a person sees and does.
import { inject } from "vitest";
import { DEMO_PASSWORD } from "./browser.ts";

/** Calls the server under test; anything but a 2xx throws with the answer, so setup never fails quietly. */
export async function call<T>(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${inject("baseUrl")}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface SignedIn {
  token: string;
  user: { id: string; name: string };
}

/** Signs an account in. Sign-ins are rate limited per account, so a file signs each one in once. */
export async function login(email: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const answer = await call<{ accessToken: string; user: { id: string; name: string } }>("POST", "/api/auth/login", null, { email, password });
  return { token: answer.accessToken, user: answer.user };
}

/**
 * Another browser test may leave a worker with an old justification overdue past its grace
 * period, which pauses new spends: catch up on it first, as the worker would.
 */
export async function catchUp(workerToken: string): Promise<void> {
  const pause = await call<{ overdueSpends: { id: string }[] }>("GET", "/api/me/pause", workerToken);
  for (const overdue of pause.overdueSpends) {
    await call("PUT", `/api/spends/${overdue.id}/justification`, workerToken, {
      narrative: "Written late, after the browser tests that logged this spend had finished with it.",
      intendedOutcome: "The record is complete",
    });
  }
}

/** Today's date where the server keeps its calendar (TIME_ZONE, Europe/London by default), as YYYY-MM-DD. */
export function serverToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
}
