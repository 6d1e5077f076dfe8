import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Executor, Tx } from "@greentape/db/client";
import type { ExportRow, TransparencyRow } from "@greentape/domain/export-rows";
import { countsInBookedPeriod, isoDate, isoUtc } from "../periods/periods.queries.ts";

/** Rows per FETCH: big enough that round trips do not dominate, small enough that memory stays flat. */
export const EXPORT_BATCH_SIZE = 500;

const spendJoins = sql`
  join teams t on t.id = s.team_id
  join users u on u.id = s.worker_id
  join clients c on c.id = s.client_id
  join scheme_versions sv on sv.scheme_id = s.scheme_id and sv.version = s.scheme_version
  left join ledger_codes lc on lc.category = s.category`;

/**
 * The tracks as they stood at `at`, rebuilt from the rows each step leaves behind, so a closed
 * period's export does not move when a justification or follow-up arrives later. Every
 * justification step sets the status by itself (submit → submitted; each review decision → its
 * own state), so the latest step at or before `at` decides; a review wins a tie with a revision.
 * Joins rather than per-row subqueries, so a million rows cost hash joins, not a million lookups.
 */
function tracksAt(at: SQL): { joins: SQL; justification: SQL; followUp: SQL } {
  return {
    joins: sql`
      left join (select spend_id, max(created_at) as at from justification_revisions where created_at <= ${at} group by spend_id) last_revision
        on last_revision.spend_id = s.id
      left join (select distinct on (spend_id) spend_id, created_at as at, decision from reviews where created_at <= ${at} order by spend_id, created_at desc, id desc) last_review
        on last_review.spend_id = s.id
      left join follow_ups done_follow_up on done_follow_up.spend_id = s.id and done_follow_up.created_at <= ${at}`,
    justification: sql`case
      when last_review.at is not null and (last_revision.at is null or last_review.at >= last_revision.at)
        then case last_review.decision when 'endorse' then 'endorsed' when 'query' then 'queried' else 'concern' end
      when last_revision.at is not null then 'submitted'
      else 'due' end`,
    followUp: sql`case when done_follow_up.spend_id is not null then 'done' else 'pending' end`,
  };
}

/**
 * The export's rows for a period, in a stable order: spends by the time they were logged, then
 * id; then reversals by the time they were booked, then id. `asOf` is the close time of a closed
 * period (tracks as they stood then) or null for an open one (tracks as they are now).
 */
export function exportRowsQuery(period: string, asOf: Date | null): SQL {
  const tracks = asOf ? tracksAt(sql`${asOf.toISOString()}::timestamptz`) : { joins: sql``, justification: sql`s.justification_status`, followUp: sql`s.follow_up_status` };
  return sql`
    select "transactionId", "spentOn", "bookedPeriod", "loggedAt", team, "costCentre", scheme, "schemeVersion", category, "glCode",
      payee, "paymentMethod", amount, currency, "staffId", "clientReference", "justificationStatus", "followUpStatus", voided, "reversalOf"
    from (
      select 0 as kind, s.created_at as sort_at, s.id as sort_id,
        s.id::text as "transactionId", ${isoDate(sql`s.spent_on`)} as "spentOn", s.booked_period as "bookedPeriod", ${isoUtc(sql`s.created_at`)} as "loggedAt",
        t.name as team, t.cost_centre as "costCentre", sv.name as scheme, s.scheme_version as "schemeVersion", s.category, lc.gl_code as "glCode",
        s.payee, s.payment_method as "paymentMethod", s.amount::text as amount, s.currency, u.staff_id as "staffId", c.reference as "clientReference",
        ${tracks.justification} as "justificationStatus", ${tracks.followUp} as "followUpStatus",
        not ${countsInBookedPeriod} as voided, null::text as "reversalOf"
      from spends s ${spendJoins} ${tracks.joins}
      where s.booked_period = ${period}
      union all
      select 1, r.created_at, r.id,
        r.id::text, ${isoDate(sql`s.spent_on`)}, r.booked_period, ${isoUtc(sql`r.created_at`)},
        t.name, t.cost_centre, sv.name, s.scheme_version, s.category, lc.gl_code,
        s.payee, s.payment_method, r.amount::text, s.currency, u.staff_id, c.reference,
        null, null, false, s.id::text
      from reversals r join spends s on s.id = r.spend_id ${spendJoins}
      where r.booked_period = ${period}
    ) x
    order by kind, sort_at, sort_id`;
}

/**
 * The public file's rows: counted spends, then reversals as negative rows dated the day they were
 * booked (in the council's time zone). No client table is joined, so no client data can appear.
 */
export function transparencyRowsQuery(period: string, timeZone: string): SQL {
  return sql`
    select "transactionNumber", date, department, payee, "payeeType", purpose, amount, "irrecoverableVat", "merchantCategory"
    from (
      select 0 as kind, s.created_at as sort_at, s.id as sort_id,
        s.id::text as "transactionNumber", ${isoDate(sql`s.spent_on`)} as date, t.service_area as department, s.payee, s.payee_type as "payeeType",
        s.category as purpose, s.amount::text as amount, s.vat_amount::text as "irrecoverableVat", s.merchant_category as "merchantCategory"
      from spends s join teams t on t.id = s.team_id
      where s.booked_period = ${period} and ${countsInBookedPeriod}
      union all
      select 1, r.created_at, r.id,
        r.id::text, ${isoDate(sql`(r.created_at at time zone ${timeZone})::date`)}, t.service_area, s.payee, s.payee_type,
        s.category, r.amount::text, (-s.vat_amount)::text, s.merchant_category
      from reversals r join spends s on s.id = r.spend_id join teams t on t.id = s.team_id
      where r.booked_period = ${period}
    ) x
    order by kind, sort_at, sort_id`;
}

/**
 * Streams a query's rows in batches through a server-side cursor, so a million rows never sit in
 * memory. Needs a transaction: a cursor lives only as long as the one it is declared in. The next
 * batch is already being fetched while the caller writes out this one.
 */
export async function* fetchInBatches<T>(tx: Tx, query: SQL, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<T[]> {
  const cursor = sql.identifier(`export_${randomBytes(6).toString("hex")}`);
  const fetchBatch = async () => ((await tx.execute(sql`fetch forward ${sql.raw(String(batchSize))} from ${cursor}`)) as unknown as { rows: T[] }).rows;
  await tx.execute(sql`declare ${cursor} no scroll cursor for ${query}`);
  let next: Promise<T[]> | null = fetchBatch();
  try {
    while (next) {
      const rows: T[] = await next;
      next = rows.length === batchSize ? fetchBatch() : null;
      if (rows.length > 0) yield rows;
    }
  } finally {
    // Left early (a cancelled download): the transaction is ending, and the prefetch with it.
    next?.catch(() => undefined);
  }
  await tx.execute(sql`close ${cursor}`);
}

type Raw<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | T[P] };

/** Export rows, batch by batch. Amounts arrive as text (bigint) and become numbers in place. */
export async function* exportRowBatches(tx: Tx, period: string, asOf: Date | null): AsyncGenerator<ExportRow[]> {
  for await (const batch of fetchInBatches<Raw<ExportRow, "amount" | "schemeVersion">>(tx, exportRowsQuery(period, asOf))) {
    for (const row of batch) {
      row.amount = Number(row.amount);
      row.schemeVersion = Number(row.schemeVersion);
    }
    yield batch as ExportRow[];
  }
}

export async function* transparencyRowBatches(tx: Tx, period: string, timeZone: string): AsyncGenerator<TransparencyRow[]> {
  for await (const batch of fetchInBatches<Raw<TransparencyRow, "amount" | "irrecoverableVat">>(tx, transparencyRowsQuery(period, timeZone))) {
    for (const row of batch) {
      row.amount = Number(row.amount);
      row.irrecoverableVat = Number(row.irrecoverableVat);
    }
    yield batch as TransparencyRow[];
  }
}

/** Categories in the period's journal that have no GL code: Xero would refuse those lines. */
export async function unmappedCategories(db: Executor, period: string): Promise<string[]> {
  const result = (await db.execute(sql`
    select distinct s.category from spends s left join ledger_codes lc on lc.category = s.category
    where lc.category is null and (
      (s.booked_period = ${period} and ${countsInBookedPeriod})
      or s.id in (select spend_id from reversals where booked_period = ${period})
    )
    order by s.category`)) as unknown as { rows: { category: string }[] };
  return result.rows.map((r) => r.category);
}
