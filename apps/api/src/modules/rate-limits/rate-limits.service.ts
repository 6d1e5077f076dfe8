import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { Db } from "@greentape/db/client";
import * as q from "./rate-limits.queries.ts";

/** Expired counters are swept at most this often, by whichever hit comes next. */
const SWEEP_EVERY_MS = 60_000;

export interface RateLimits {
  hit(key: string, windowMs: number): Promise<q.Counter>;
  peek(key: string): Promise<q.Counter>;
  takeBack(key: string): Promise<void>;
  /** For @fastify/rate-limit: its counters live here too, so limits hold across instances and restarts. */
  store: FastifyRateLimitStoreCtor;
}

/**
 * Rate-limit counters in the database (PostgreSQL, or the embedded one), so every instance counts
 * into the same window and a restart resets nothing.
 */
export function createRateLimits(deps: { db: Db }): RateLimits {
  const { db } = deps;
  let lastSweep = 0;

  async function hit(key: string, windowMs: number): Promise<q.Counter> {
    const now = Date.now();
    if (now - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = now;
      await q.deleteExpired(db);
    }
    return q.hit(db, key, windowMs);
  }

  class DatabaseStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      hit(key, timeWindow).then(
        (c) => callback(null, { current: c.hits, ttl: c.ttlMs }),
        (error: Error) => callback(error),
      );
    }
    child(): FastifyRateLimitStore {
      return this;
    }
  }

  return { hit, peek: (key) => q.peek(db, key), takeBack: (key) => q.takeBack(db, key), store: DatabaseStore };
}
