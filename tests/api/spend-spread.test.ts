import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollingWindowPeak } from "@greentape/domain/caps";
import { createScheme, postSpend, rows, spendBody } from "../support/factories.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

const TEAMS = 5;
const WORKERS_PER_TEAM = 10;
const CLIENTS_PER_TEAM = 100;
const REQUESTS = 200;
const CAPS = { perSpendCap: 5_000, perClientCap: 8_000, perClientWindowDays: 30, perWorkerMonthlyCap: 6_000, teamMonthlyBudget: 35_000 };

/**
 * The realistic spread the benchmark loads (50 workers in 5 teams, 500 clients), as 200 spends
 * arriving together, with caps tight enough that every kind refuses some. Afterwards every cap
 * counter must equal the sum of the live spends it counts, and no cap may be over its limit.
 */
describe("a realistic spread of concurrent spends keeps every counter equal to its spends", () => {
  let t: TestApp;
  let schemeId: string;
  const workers: { id: string; teamId: string; token: string; clients: string[] }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    schemeId = (await createScheme(t, CAPS)).id;
    for (let team = 0; team < TEAMS; team += 1) {
      const tag = randomUUID().slice(0, 8);
      const [created] = await rows<{ id: string }>(t, sql`insert into teams (name, cost_centre, service_area) values (${`Spread ${tag}`}, ${`CC-${tag}`}, 'Spread') returning id`);
      const teamId = created?.id as string;
      const clients = (
        await rows<{ id: string }>(t, sql`insert into clients (reference, team_id) select ${`S-${tag}-`} || g, ${teamId} from generate_series(1, ${CLIENTS_PER_TEAM}) g returning id`)
      ).map((r) => r.id);
      // With the test worker's password, so each can sign in as people do.
      const people = await rows<{ id: string; email: string }>(
        t,
        sql`insert into users (email, name, role, team_id, password_hash)
            select ${`spread-${tag}-`} || g || '@demo.test', 'Spread worker ' || g, 'worker', ${teamId}, u.password_hash
            from generate_series(1, ${WORKERS_PER_TEAM}) g, users u where u.email = 'worker@council.test' returning id, email`,
      );
      for (const p of people) workers.push({ id: p.id, teamId, token: await t.tokenFor(p.email), clients });
    }
  });
  afterAll(() => t.close());

  it("200 concurrent spends: counters equal the sums of their spends, and no cap is exceeded", async () => {
    // A fixed spread of workers, amounts and clients: ten of each team's, so the rolling per-client cap bites too.
    const requests = Array.from({ length: REQUESTS }, (_, i) => {
      const worker = workers[(i * 7) % workers.length] as (typeof workers)[number];
      return { worker, clientId: worker.clients[(i * 13) % 10] as string, amount: 500 + ((i * 389) % 4_500) };
    });
    const answers = await Promise.all(requests.map((r) => postSpend(t, r.worker.token, spendBody({ schemeId, clientId: r.clientId, amount: r.amount }))));

    const created = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 422);
    expect(created.length + refused.length, answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`).join("\n")).toBe(REQUESTS);
    expect(refused.every((r) => typeof r.body.type === "string" && r.body.type.endsWith("/cap-exceeded"))).toBe(true);
    // Every cap with a counter, and the client's, turned some away: the test exercises each.
    const refusedBy = new Set(refused.map((r) => r.body.cap as string));
    expect([...refusedBy].sort()).toEqual(expect.arrayContaining(["perClient", "perWorkerMonthly", "teamMonthly"]));

    const spends = await rows<{ worker_id: string; team_id: string; client_id: string; period: string; amount: string; spent_on: string }>(
      t,
      sql`select worker_id, team_id, client_id, period, amount::text, spent_on::text from spends where scheme_id = ${schemeId} and voided_at is null`,
    );
    expect(spends.map((s) => Number(s.amount)).reduce((a, b) => a + b, 0)).toBe(created.reduce((sum, a) => sum + Number(a.body.amount), 0));

    const sums = new Map<string, number>();
    for (const s of spends) {
      for (const key of [`team/${s.team_id}/${s.period}`, `worker/${s.worker_id}/${s.period}`]) sums.set(key, (sums.get(key) ?? 0) + Number(s.amount));
    }
    const counters = await rows<{ scope: string; owner_id: string; period: string; used: string }>(
      t,
      sql`select scope, owner_id, period, used::text from cap_counters where scheme_id = ${schemeId}`,
    );
    const counted = new Map(counters.filter((c) => Number(c.used) !== 0).map((c) => [`${c.scope}/${c.owner_id}/${c.period}`, Number(c.used)]));
    expect(counted).toEqual(sums);
    for (const [key, used] of counted) expect(used, key).toBeLessThanOrEqual(key.startsWith("team/") ? CAPS.teamMonthlyBudget : CAPS.perWorkerMonthlyCap);

    const byClient = new Map<string, { amount: number; spentOn: string }[]>();
    for (const s of spends) byClient.set(s.client_id, [...(byClient.get(s.client_id) ?? []), { amount: Number(s.amount), spentOn: s.spent_on }]);
    for (const [clientId, dated] of byClient) {
      for (const s of dated) expect(rollingWindowPeak(dated, s.spentOn, CAPS.perClientWindowDays), clientId).toBeLessThanOrEqual(CAPS.perClientCap);
    }
  });
});
