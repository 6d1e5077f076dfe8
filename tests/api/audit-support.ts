/** Helpers shared by the audit tests (tests/api/audit-*.test.ts). */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { createScheme, postSpend, spendBody } from "../support/factories.ts";
import type { TestApp } from "../support/test-app.ts";

/** A fixed "now" inside March 2026, so periods and due dates are known. */
export const NOW = "2026-03-20T12:00:00Z";
export const PERIOD = "2026-03";

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Caps high enough that no test spend meets one, but a per-spend cap so split patterns can show. */
export function roomyScheme(t: TestApp, overrides: Record<string, unknown> = {}) {
  return createScheme(t, { perSpendCap: 7_500, perClientCap: 50_000_000, perWorkerMonthlyCap: 50_000_000, teamMonthlyBudget: 500_000_000, ...overrides });
}

export interface LoggedSpend {
  id: string;
  amount: number;
  flags: string[];
}

/** Logs a spend through the API and insists it was created. */
export async function logSpend(t: TestApp, token: string, body: Record<string, unknown> & { schemeId: string; clientId: string }): Promise<LoggedSpend> {
  const res = await postSpend(t, token, spendBody({ spentOn: "2026-03-10", ...body }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as LoggedSpend;
}

/** `count` ordinary spends with varied amounts (so none stands out against the team's normal). */
export async function logMany(t: TestApp, token: string, base: { schemeId: string; clientId: string; category?: string }, count: number): Promise<LoggedSpend[]> {
  const logged: LoggedSpend[] = [];
  for (let i = 0; i < count; i++) {
    logged.push(await logSpend(t, token, { ...base, amount: 500 + ((i * 37) % 400), note: `Spend ${i}` }));
  }
  return logged;
}

export function drawSample(t: TestApp, token: string, body: Record<string, unknown>) {
  return t.http.post("/api/audit/samples").set(bearer(token)).send(body);
}

export async function rows<T>(t: TestApp, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The period's live spends as the database holds them, in plain code-unit order of the id text. */
export async function population(t: TestApp, period: string): Promise<{ id: string; amount: number }[]> {
  const found = await rows<{ id: string; amount: string }>(t, sql`select id::text as id, amount::text as amount from spends where period = ${period} and voided_at is null`);
  return found.map((r) => ({ id: r.id, amount: Number(r.amount) })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Rivest's sampler written again from its published description, independently of the app's
 * code: pick i is SHA-256(seed + "," + i) as a big-endian integer, mod N, plus 1; repeats skipped.
 */
export function rivestByHand(seed: string, total: number, count: number): number[] {
  const picks: number[] = [];
  for (let i = 1; picks.length < Math.min(count, total); i++) {
    const pick = Number(BigInt(`0x${createHash("sha256").update(`${seed},${i}`, "utf8").digest("hex")}`) % BigInt(total)) + 1;
    if (!picks.includes(pick)) picks.push(pick);
  }
  return picks;
}

/** The dataset digest from its published description: SHA-256 of "id,amount\n" lines in id order. */
export function digestByHand(items: { id: string; amount: number }[]): string {
  return createHash("sha256")
    .update(items.map((i) => `${i.id},${i.amount}\n`).join(""), "utf8")
    .digest("hex");
}

export async function eventsOfType(t: TestApp, type: string) {
  return rows<{ subject_type: string; subject_id: string; actor_id: string | null; data: Record<string, unknown> }>(
    t,
    sql`select subject_type, subject_id, actor_id, data from events where type = ${type} order by id`,
  );
}

export async function expectChainVerifies(t: TestApp, auditorToken: string) {
  const res = await t.http.get("/api/audit/events/verify").set(bearer(auditorToken));
  expect(res.status).toBe(200);
  expect(res.body.ok, JSON.stringify(res.body)).toBe(true);
}

