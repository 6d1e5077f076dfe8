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

/** The outcome counts of live spends in the span, one row per group (only groups with spends). */
export async function outcomeTotals(db: Executor, scope: Scope, groupBy: OutcomeGrouping | null): Promise<OutcomeRow[]> {
  const key = groupBy === null ? sql`''` : GROUP_KEYS[groupBy];
  const result = await rows<Record<keyof OutcomeRow, string | number>>(
    db,
    sql`
      select ${key} as key,
             count(*)::int as spends,
             coalesce(sum(s.amount), 0)::float8 as amount,
             count(distinct s.client_id)::int as clients,
             count(distinct s.client_id) filter (where f.outcome in ('helped_a_lot', 'helped_a_little'))::int as "clientsHelped",
             count(*) filter (where f.outcome = 'helped_a_lot')::int as helped_a_lot,
             count(*) filter (where f.outcome = 'helped_a_little')::int as helped_a_little,
             count(*) filter (where f.outcome = 'no_difference')::int as no_difference,
             count(*) filter (where f.outcome = 'made_things_worse')::int as made_things_worse,
             count(*) filter (where f.outcome = 'could_not_contact')::int as could_not_contact
      from spends s
      left join follow_ups f on f.spend_id = s.id
      where ${liveSpendsIn(scope)}
      group by 1
    `,
  );
  return result.map((r) => {
    const n = (k: keyof OutcomeRow) => Number(r[k]);
    return {
      key: String(r.key),
      spends: n("spends"),
      amount: n("amount"),
      clients: n("clients"),
      clientsHelped: n("clientsHelped"),
      helped_a_lot: n("helped_a_lot"),
      helped_a_little: n("helped_a_little"),
      no_difference: n("no_difference"),
      made_things_worse: n("made_things_worse"),
      could_not_contact: n("could_not_contact"),
    };
  });
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
