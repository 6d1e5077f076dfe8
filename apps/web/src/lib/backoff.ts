// How long the app waits before trying the server again: the outbox after a failed send, and the
// session check and a sign-out still owed (auth.tsx), which must not bring the outbox to the sign-in page.

export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;

/** How long to wait before the next try after `attempts` failed ones: 5 s, 10 s, 20 s… up to 5 min, ±20%. */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** exponent);
  const jitter = 0.8 + 0.4 * random();
  return Math.round(base * jitter);
}
