import { sql } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";

/** A key's hits in its current window, and how long until that window ends. */
export interface Counter {
  hits: number;
  ttlMs: number;
}

type Rows = { rows: { hits: number; ttl_ms: number }[] };

const counter = (result: unknown): Counter => {
  const [row] = (result as Rows).rows;
  return { hits: Number(row?.hits ?? 0), ttlMs: Math.max(0, Number(row?.ttl_ms ?? 0)) };
};

// Time is the database's, so every instance agrees on when a window ends whatever its own clock says.
const TTL_MS = sql`ceil(extract(epoch from (resets_at - now())) * 1000)::int`;

/** Counts one hit in one statement: a new or expired window starts at 1, a live one goes up by 1. */
export async function hit(db: Executor, key: string, windowMs: number): Promise<Counter> {
  return counter(
    await db.execute(sql`
      insert into rate_limits as r (key, hits, resets_at)
      values (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
      on conflict (key) do update set
        hits = case when r.resets_at <= now() then 1 else r.hits + 1 end,
        resets_at = case when r.resets_at <= now() then excluded.resets_at else r.resets_at end
      returning hits, ${TTL_MS} as ttl_ms`),
  );
}

/** The key's live window as it stands, without counting. */
export async function peek(db: Executor, key: string): Promise<Counter> {
  return counter(await db.execute(sql`select hits, ${TTL_MS} as ttl_ms from rate_limits where key = ${key} and resets_at > now()`));
}

/** Takes back one hit of a live window (an attempt that turned out not to count). */
export async function takeBack(db: Executor, key: string): Promise<void> {
  await db.execute(sql`update rate_limits set hits = greatest(hits - 1, 0) where key = ${key} and resets_at > now()`);
}

export async function deleteExpired(db: Executor): Promise<void> {
  await db.execute(sql`delete from rate_limits where resets_at <= now()`);
}
