import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { SchemeInput } from "@greentape/domain/scheme-input";
import type { TestApp } from "./test-app.ts";

export interface CouncilIds {
  users: Record<string, { id: string; teamId: string | null }>;
  teams: { north: string; east: string };
  clients: { north: string[]; east: string[] };
  schemeId: string;
}

export async function rows<T>(t: TestApp, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Ids of the test council, read straight from the database. */
export async function councilIds(t: TestApp): Promise<CouncilIds> {
  const users = await rows<{ email: string; id: string; team_id: string | null }>(t, sql`select email, id, team_id from users`);
  const teams = await rows<{ id: string; name: string }>(t, sql`select id, name from teams`);
  const clients = await rows<{ id: string; team_id: string; reference: string }>(t, sql`select id, team_id, reference from clients order by reference`);
  const [scheme] = await rows<{ id: string }>(t, sql`select id from schemes order by created_at limit 1`);
  const north = teams.find((x) => x.name.includes("North"))?.id ?? "";
  const east = teams.find((x) => x.name.includes("East"))?.id ?? "";
  return {
    users: Object.fromEntries(users.map((u) => [u.email.split("@")[0] as string, { id: u.id, teamId: u.team_id }])),
    teams: { north, east },
    clients: { north: clients.filter((c) => c.team_id === north).map((c) => c.id), east: clients.filter((c) => c.team_id === east).map((c) => c.id) },
    schemeId: scheme?.id ?? "",
  };
}

export async function scalar<T>(t: TestApp, query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await rows<{ value: T }>(t, query);
  return row?.value as T;
}

export const DEFAULT_SCHEME = {
  name: "Test scheme",
  categories: ["Travel", "Food and essentials", "Clothing"],
  perSpendCap: 7_500,
  perClientCap: 20_000,
  perClientWindowDays: 30,
  perWorkerMonthlyCap: 60_000,
  teamMonthlyBudget: 300_000,
  justificationDueDays: 7,
  followUpDueDays: 28,
};

/** Creates a scheme through the API as the admin; overrides change any term. */
export async function createScheme(t: TestApp, overrides: Partial<SchemeInput> = {}): Promise<{ id: string; version: number }> {
  const admin = await t.tokenFor("admin");
  const res = await t.http.post("/api/schemes").set("Authorization", `Bearer ${admin}`).send({ ...DEFAULT_SCHEME, name: `Scheme ${randomUUID().slice(0, 8)}`, ...overrides });
  if (res.status !== 201) throw new Error(`scheme create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Adds a client to the caller's team through the API. */
export async function createClient(t: TestApp, token: string, reference = `C-${randomUUID().slice(0, 8)}`): Promise<string> {
  const res = await t.http.post("/api/clients").set("Authorization", `Bearer ${token}`).send({ reference });
  if (res.status !== 201) throw new Error(`client create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export function spendBody(overrides: Record<string, unknown> & { schemeId: string; clientId: string }) {
  return {
    amount: 1_000,
    category: "Travel",
    payee: "Go North East",
    paymentMethod: "prepaid_card",
    spentOn: new Date().toISOString().slice(0, 10),
    note: "Bus fare to the job centre",
    ...overrides,
  };
}

export function postSpend(t: TestApp, token: string, body: object, key: string = randomUUID()) {
  return t.http.post("/api/spends").set("Authorization", `Bearer ${token}`).set("Idempotency-Key", key).send(body);
}
