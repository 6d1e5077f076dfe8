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
