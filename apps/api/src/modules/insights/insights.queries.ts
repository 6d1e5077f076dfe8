/**
 * The sums behind "What it achieved". Every figure is added up by PostgreSQL (GROUP BY, FILTER,
 * percentile_cont); Node only ever sees one row per group, team or client, never one per spend.
 * Voided spends never count. A span is the spends whose calendar month (`period`) is in it.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import type { OutcomeGrouping } from "@greentape/domain/insights-input";

export interface Scope {
  from: string;
  to: string;
  /** Null: every team. */
  teamId: string | null;
}

async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

function liveSpendsIn(scope: Scope): SQL {
  const team = scope.teamId === null ? sql`` : sql` and s.team_id = ${scope.teamId}`;
  return sql`s.voided_at is null and s.period between ${scope.from} and ${scope.to}${team}`;
}

const GROUP_KEYS: Record<OutcomeGrouping, SQL> = {
  category: sql`s.category`,
  team: sql`s.team_id::text`,
  scheme: sql`s.scheme_id::text`,
  month: sql`s.period`,
};

export interface OutcomeRow {
  key: string;
  spends: number;
  amount: number;
  clients: number;
  clientsHelped: number;
  helped_a_lot: number;
  helped_a_little: number;
  no_difference: number;
  made_things_worse: number;
  could_not_contact: number;
}

/**
 * The outcome counts of live spends in the span for each grouping asked (null: the span as a whole),
 * one row per group with spends, from one pass over the spends: they are first summed per client
 * within each group (a hash aggregate), so the distinct clients, and those helped, are a plain
 * count of those rows rather than a sort of every spend.
 */
export async function outcomeTotals<G extends OutcomeGrouping | null>(db: Executor, scope: Scope, groupings: readonly G[]): Promise<Map<G, OutcomeRow[]>> {
  const keyed = groupings.filter((g): g is Exclude<G, null> => g !== null);
  const keyColumn = (g: OutcomeGrouping) => sql.raw(`"key_${g}"`);
  const keys = keyed.length === 0 ? sql`` : sql`${sql.join(keyed.map((g) => sql`${GROUP_KEYS[g]} as ${keyColumn(g)}`), sql`, `)}, `;
  const outerKeys = keyed.length === 0 ? sql`` : sql`${sql.join(keyed.map(keyColumn), sql`, `)}, `;
  const sets = sql.join(
    groupings.map((g) => (g === null ? sql`(s.client_id)` : sql`(${GROUP_KEYS[g]}, s.client_id)`)),
    sql`, `,
  );
  const groupByKeys = keyed.length === 0 ? sql`` : sql`group by ${sql.join(keyed.map(keyColumn), sql`, `)}`;
  const result = await rows<Record<string, string | number | null>>(
    db,
    sql`
      select ${outerKeys}
             sum(per_client.spends)::int as spends,
             sum(per_client.amount)::float8 as amount,
             count(*)::int as clients,
             count(*) filter (where per_client.helped)::int as "clientsHelped",
             sum(per_client.helped_a_lot)::int as helped_a_lot,
             sum(per_client.helped_a_little)::int as helped_a_little,
             sum(per_client.no_difference)::int as no_difference,
             sum(per_client.made_things_worse)::int as made_things_worse,
             sum(per_client.could_not_contact)::int as could_not_contact
      from (
        select ${keys}
               count(*) as spends,
               sum(s.amount) as amount,
               bool_or(f.outcome in ('helped_a_lot', 'helped_a_little')) as helped,
               count(*) filter (where f.outcome = 'helped_a_lot') as helped_a_lot,
               count(*) filter (where f.outcome = 'helped_a_little') as helped_a_little,
               count(*) filter (where f.outcome = 'no_difference') as no_difference,
               count(*) filter (where f.outcome = 'made_things_worse') as made_things_worse,
               count(*) filter (where f.outcome = 'could_not_contact') as could_not_contact
        from spends s
        left join follow_ups f on f.spend_id = s.id
        where ${liveSpendsIn(scope)}
        group by grouping sets (${sets})
      ) per_client
      ${groupByKeys}
    `,
  );
  const byGrouping = new Map<G, OutcomeRow[]>(groupings.map((g) => [g, []]));
  for (const r of result) {
    // Every key column is null but the one whose grouping made the row: none for the whole span.
    const grouping = (keyed.find((g) => r[`key_${g}`] !== null) ?? null) as G;
    const n = (k: keyof OutcomeRow) => Number(r[k]);
    byGrouping.get(grouping)?.push({
      key: grouping === null ? "" : String(r[`key_${grouping}`]),
      spends: n("spends"),
      amount: n("amount"),
      clients: n("clients"),
      clientsHelped: n("clientsHelped"),
      helped_a_lot: n("helped_a_lot"),
      helped_a_little: n("helped_a_little"),
      no_difference: n("no_difference"),
      made_things_worse: n("made_things_worse"),
      could_not_contact: n("could_not_contact"),
    });
  }
  return byGrouping;
}

/** Teams by id and name: every team, or the one in scope. */
export async function teamNames(db: Executor, teamId: string | null): Promise<Array<{ id: string; name: string }>> {
  const where = teamId === null ? sql`` : sql`where id = ${teamId}`;
  return rows(db, sql`select id::text as id, name from teams ${where} order by name`);
}

/** Each scheme's current name. */
export async function schemeNames(db: Executor): Promise<Map<string, string>> {
  const result = await rows<{ id: string; name: string }>(
    db,
    sql`select s.id::text as id, v.name from schemes s join scheme_versions v on v.scheme_id = s.id and v.version = s.current_version`,
  );
  return new Map(result.map((r) => [r.id, r.name]));
}

export interface UptakeRow {
  teamId: string;
  teamName: string;
  workers: number;
  workersWhoSpent: number;
  amount: number;
  notUsedIn90Days: number;
}

/**
 * Per team, for one month: the people who may spend (active workers and supervisors), how many of
 * them spent in it, what was spent, and how many have spent nothing in the 90 days up to `asOf`.
 */
export async function uptakeByTeam(db: Executor, options: { period: string; asOf: string; teamId: string | null }): Promise<UptakeRow[]> {
  const team = options.teamId === null ? sql`` : sql`where t.id = ${options.teamId}`;
  const result = await rows<Record<keyof UptakeRow, string | number>>(
    db,
    sql`
      with people as (
        select u.id, u.team_id from users u where u.active and u.role in ('worker', 'supervisor') and u.team_id is not null
      ),
      month as (
        select s.team_id, count(distinct s.worker_id) as spenders, sum(s.amount) as amount
        from spends s where s.voided_at is null and s.period = ${options.period} group by s.team_id
      ),
      recent as (
        select distinct s.worker_id from spends s
        where s.voided_at is null and s.spent_on > ${options.asOf}::date - 90 and s.spent_on <= ${options.asOf}::date
      )
      select t.id::text as "teamId", t.name as "teamName",
             (select count(*) from people p where p.team_id = t.id)::int as workers,
             coalesce(m.spenders, 0)::int as "workersWhoSpent",
             coalesce(m.amount, 0)::float8 as amount,
             (select count(*) from people p where p.team_id = t.id and p.id not in (select worker_id from recent))::int as "notUsedIn90Days"
      from teams t left join month m on m.team_id = t.id
      ${team}
      order by t.name
    `,
  );
  return result.map((r) => ({
    teamId: String(r.teamId),
    teamName: String(r.teamName),
    workers: Number(r.workers),
    workersWhoSpent: Number(r.workersWhoSpent),
    amount: Number(r.amount),
    notUsedIn90Days: Number(r.notUsedIn90Days),
  }));
}

/** A team's people who have spent nothing in the 90 days up to `asOf`, by name, with their last spend if any. */
export async function peopleNotUsedIn90Days(db: Executor, teamId: string, asOf: string): Promise<Array<{ id: string; name: string; lastSpentOn: string | null }>> {
  return rows(
    db,
    sql`
      select u.id::text as id, u.name,
             (select max(s.spent_on)::text from spends s where s.worker_id = u.id and s.voided_at is null and s.spent_on <= ${asOf}::date) as "lastSpentOn"
      from users u
      where u.active and u.role in ('worker', 'supervisor') and u.team_id = ${teamId}
        and not exists (
          select 1 from spends s where s.worker_id = u.id and s.voided_at is null and s.spent_on > ${asOf}::date - 90 and s.spent_on <= ${asOf}::date
        )
      order by u.name
    `,
  );
}

/**
 * The monthly budget of each team: the sum of the team budgets of the schemes (current terms) that
 * apply to it, or null when one of them sets no team budget (then the freedom has no ceiling to
 * measure use against).
 */
export async function teamAllowances(db: Executor): Promise<Map<string, number | null>> {
  const result = await rows<{ teamId: string; allowance: string | number | null }>(
    db,
    sql`
      select t.id::text as "teamId",
             case when bool_or(v.team_monthly_budget is null) then null else sum(v.team_monthly_budget)::float8 end as allowance
      from teams t
      join scheme_versions v on v.team_ids is null or t.id = any(v.team_ids)
      join schemes s on s.id = v.scheme_id and s.current_version = v.version
      group by t.id
    `,
  );
  return new Map(result.map((r) => [r.teamId, r.allowance === null ? null : Number(r.allowance)]));
}

/** Each client of the caseload (a team's, or every client) with the live spend on them in the span. */
export async function caseloadSpend(db: Executor, scope: Scope): Promise<Array<{ amount: number; ageBand: string; sex: string; ethnicGroup: string; disability: string }>> {
  const team = scope.teamId === null ? sql`` : sql`where c.team_id = ${scope.teamId}`;
  const result = await rows<{ amount: string | number; ageBand: string; sex: string; ethnicGroup: string; disability: string }>(
    db,
    sql`
      select coalesce(sum(s.amount), 0)::float8 as amount,
             c.age_band as "ageBand", c.sex, c.ethnic_group as "ethnicGroup", c.disability
      from clients c
      left join spends s on s.client_id = c.id and s.voided_at is null and s.period between ${scope.from} and ${scope.to}
      ${team}
      group by c.id
    `,
  );
  return result.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export interface AuditTotals {
  /** Items of the span's samples (the latest draw of each month), every stratum. */
  sampled: number;
  /** Items with a deviation finding: minor, major or misuse_suspected. */
  withFinding: number;
  /** Items found major or misuse_suspected, and the money in them. */
  misuseFindings: number;
  misuseAmount: number;
  /** The random stratum's reviewed items and deviations: the part that speaks for the whole. */
  randomReviewed: number;
  randomDeviations: number;
}

/**
 * What audit found in the span: of each month's latest sample (a redraw replaces the one before),
 * the items whose spends are in scope.
 */
export async function auditTotals(db: Executor, scope: Scope): Promise<AuditTotals> {
  const team = scope.teamId === null ? sql`` : sql`where s.team_id = ${scope.teamId}`;
  const [row] = await rows<Record<keyof AuditTotals, string | number>>(
    db,
    sql`
      with latest as (
        select distinct on (period) id from audit_samples
        where period between ${scope.from} and ${scope.to}
        order by period, created_at desc, id
      )
      select count(*)::int as sampled,
             count(*) filter (where i.result in ('minor', 'major', 'misuse_suspected'))::int as "withFinding",
             count(*) filter (where i.result in ('major', 'misuse_suspected'))::int as "misuseFindings",
             coalesce(sum(s.amount) filter (where i.result in ('major', 'misuse_suspected')), 0)::float8 as "misuseAmount",
             count(*) filter (where 'random' = any(i.reasons) and i.result is not null)::int as "randomReviewed",
             count(*) filter (where 'random' = any(i.reasons) and i.result in ('minor', 'major', 'misuse_suspected'))::int as "randomDeviations"
      from audit_sample_items i
      join latest l on l.id = i.sample_id
      join spends s on s.id = i.spend_id
      ${team}
    `,
  );
  const n = (k: keyof AuditTotals) => Number(row?.[k] ?? 0);
  return { sampled: n("sampled"), withFinding: n("withFinding"), misuseFindings: n("misuseFindings"), misuseAmount: n("misuseAmount"), randomReviewed: n("randomReviewed"), randomDeviations: n("randomDeviations") };
}

export type LoopStage = "toLog" | "toJustify" | "toReview" | "toFollowUp";

/**
 * Days (council calendar days) each stage of the loop took, for live spends in the span, counted
 * into a tally of (stage, days, spends): spend to logging, logging to the first justification
 * (revision 1), that to the first review, and spend to the follow-up's contact. A few dozen rows
 * that hold the quartiles exactly; counting 100,000 spends' days is far cheaper than sorting them.
 */
export async function loopDayTally(db: Executor, scope: Scope, timeZone: string): Promise<Array<{ stage: LoopStage; days: number; count: number }>> {
  const day = (at: SQL) => sql`(${at} at time zone ${timeZone})::date`;
  const tally = await rows<{ stage: LoopStage; days: number; count: number }>(
    db,
    sql`
      select v.stage, v.days, count(*)::int as count
      from spends s
      left join justification_revisions j on j.spend_id = s.id and j.revision = 1
      left join (select spend_id, min(created_at) as first_at from reviews group by spend_id) r on r.spend_id = s.id
      left join follow_ups f on f.spend_id = s.id
      cross join lateral (select ${day(sql`s.created_at`)} as logged_on, ${day(sql`j.created_at`)} as justified_on) d
      cross join lateral (values
        ('toLog', d.logged_on - s.spent_on),
        ('toJustify', d.justified_on - d.logged_on),
        ('toReview', ${day(sql`r.first_at`)} - d.justified_on),
        ('toFollowUp', f.contacted_on - s.spent_on)
      ) as v(stage, days)
      where ${liveSpendsIn(scope)} and v.days is not null
      group by v.stage, v.days
    `,
  );
  return tally.map((t) => ({ stage: t.stage, days: Number(t.days), count: Number(t.count) }));
}
