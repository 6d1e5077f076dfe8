import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Executor, Tx } from "@greentape/db/client";
import { countedAmount, type ExportRow, type TransparencyRow } from "@greentape/domain/export-rows";
import { CARD_PAYMENT_METHODS } from "@greentape/domain/spend-input";
import { countsInBookedPeriod, isoDate, isoUtc } from "../../lib/periods.queries.ts";

/** Rows per FETCH: big enough that round trips do not dominate, small enough that memory stays flat. */
export const EXPORT_BATCH_SIZE = 500;

const spendJoins = sql`
  join teams t on t.id = s.team_id
  join users u on u.id = s.worker_id
  join clients c on c.id = s.client_id
  join scheme_versions sv on sv.scheme_id = s.scheme_id and sv.version = s.scheme_version
  left join ledger_codes lc on lc.category = s.category
  left join clearing_accounts ca on ca.payment_method = s.payment_method`;

/** Snapshot column for each export field read from the database (the same names in a closed period's rows); the net amount is worked out from them. */
const EXPORT_FIELDS: Record<Exclude<keyof ExportRow, "netAmount">, string> = {
  transactionId: "transaction_id",
  spentOn: "spent_on",
  bookedPeriod: "booked_period",
  loggedAt: "logged_at",
  team: "team",
  costCentre: "cost_centre",
  scheme: "scheme",
  schemeVersion: "scheme_version",
  category: "category",
  glCode: "gl_code",
  payee: "payee",
  paymentMethod: "payment_method",
  amount: "amount",
  currency: "currency",
  staffId: "staff_id",
  clientReference: "client_reference",
  justificationStatus: "justification_status",
  followUpStatus: "follow_up_status",
  voided: "voided",
  reversalOf: "reversal_of",
  clearingAccount: "clearing_account",
};

/** Snapshot column for each transparency field: a projection of the same rows, never a client column. */
const TRANSPARENCY_FIELDS: Record<keyof TransparencyRow, string> = {
  transactionNumber: "transaction_id",
  date: "transparency_date",
  expenseArea: "department",
  expenseType: "expense_type",
  expenseCode: "gl_code",
  payee: "payee",
  payeeType: "payee_type",
  purpose: "category",
  amount: "amount",
  irrecoverableVat: "irrecoverable_vat",
  merchantCategory: "merchant_category",
  paymentMethod: "payment_method",
};

/**
 * A card payment's merchant category: the one recorded from its statement, else what admin mapped
 * its category to. Other payments have none (the Code asks it of card transactions).
 */
const merchantCategory = sql`case when s.payment_method in (${sql.join(
  CARD_PAYMENT_METHODS.map((method) => sql`${method}`),
  sql`, `,
)}) then coalesce(s.merchant_category, lc.merchant_category) end`;

const select = (fields: Record<string, string>) => sql.raw(Object.entries(fields).map(([key, column]) => `${column} as "${key}"`).join(", "));
const SNAPSHOT_COLUMNS = [...new Set([...Object.values(EXPORT_FIELDS), ...Object.values(TRANSPARENCY_FIELDS)])].join(", ");

/**
 * Every row a period's files are made of, as it reads now, with its sort keys: spends booked in the
 * period (voided ones marked), then reversals booked in it. The export and the transparency file
 * are projections of these rows, and closing a period copies them into closed_period_rows.
 */
function periodRows(period: string, timeZone: string): SQL {
  return sql`
    select 0 as kind, s.created_at as sort_at, s.id as sort_id,
      s.id::text as transaction_id, ${isoDate(sql`s.spent_on`)} as spent_on, s.booked_period, ${isoUtc(sql`s.created_at`)} as logged_at,
      t.name as team, t.cost_centre, sv.name as scheme, s.scheme_version, s.category, lc.gl_code,
      s.payee, s.payment_method, s.amount, s.currency, u.staff_id, c.reference as client_reference,
      s.justification_status, s.follow_up_status, not ${countsInBookedPeriod} as voided, null::text as reversal_of,
      t.service_area as department, s.payee_type, s.vat_amount as irrecoverable_vat, ${merchantCategory} as merchant_category, ${isoDate(sql`s.spent_on`)} as transparency_date,
      lc.account_name as expense_type, ca.account_code as clearing_account
    from spends s ${spendJoins}
    where s.booked_period = ${period}
    union all
    select 1, r.created_at, r.id,
      r.id::text, ${isoDate(sql`s.spent_on`)}, r.booked_period, ${isoUtc(sql`r.created_at`)},
      t.name, t.cost_centre, sv.name, s.scheme_version, s.category, lc.gl_code,
      s.payee, s.payment_method, r.amount, s.currency, u.staff_id, c.reference,
      null, null, false, s.id::text,
      t.service_area, s.payee_type, -s.vat_amount, ${merchantCategory}, ${isoDate(sql`(r.created_at at time zone ${timeZone})::date`)},
      lc.account_name, ca.account_code
    from reversals r join spends s on s.id = r.spend_id ${spendJoins}
    where r.booked_period = ${period}`;
}

const EXPORT_ORDER = sql`order by kind, sort_at, sort_id`;

/**
 * An open period's export rows as they are now, in a stable order: spends by the time they were
 * logged, then id; then reversals by the time they were booked, then id.
 */
export function exportRowsQuery(period: string, timeZone: string): SQL {
  return sql`select ${select(EXPORT_FIELDS)} from (${periodRows(period, timeZone)}) x ${EXPORT_ORDER}`;
}

/**
 * An open period's public file: the counted spends, then reversals as negative rows dated the day
 * they were booked (in the council's time zone).
 */
function transparencyRowsQuery(period: string, timeZone: string): SQL {
  return sql`select ${select(TRANSPARENCY_FIELDS)} from (${periodRows(period, timeZone)}) x where not voided ${EXPORT_ORDER}`;
}

/** Copies the period's rows, in export order, into closed_period_rows; the closing transaction holds the period. */
export async function snapshotPeriodRows(tx: Tx, period: string, timeZone: string): Promise<void> {
  await tx.execute(sql`
    insert into closed_period_rows (period, position, ${sql.raw(SNAPSHOT_COLUMNS)})
    select ${period}, row_number() over (${EXPORT_ORDER}), ${sql.raw(SNAPSHOT_COLUMNS)}
    from (${periodRows(period, timeZone)}) x`);
}

function closedExportRowsQuery(period: string): SQL {
  return sql`select ${select(EXPORT_FIELDS)} from closed_period_rows where period = ${period} order by position`;
}

function closedTransparencyRowsQuery(period: string): SQL {
  return sql`select ${select(TRANSPARENCY_FIELDS)} from closed_period_rows where period = ${period} and not voided order by position`;
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

/** Where a period's rows are read from: the snapshot taken at close, or the live tables while open. */
export type RowSource = { closed: true } | { closed: false; timeZone: string };

/** Export rows, batch by batch. Amounts arrive as text (bigint) and become numbers in place. */
export async function* exportRowBatches(tx: Tx, period: string, source: RowSource): AsyncGenerator<ExportRow[]> {
  const query = source.closed ? closedExportRowsQuery(period) : exportRowsQuery(period, source.timeZone);
  for await (const batch of fetchInBatches<Raw<Omit<ExportRow, "netAmount">, "amount" | "schemeVersion">>(tx, query)) {
    yield batch.map((raw) => {
      const amount = Number(raw.amount);
      return { ...raw, amount, netAmount: countedAmount({ amount, voided: raw.voided }), schemeVersion: Number(raw.schemeVersion) };
    });
  }
}

export async function* transparencyRowBatches(tx: Tx, period: string, source: RowSource): AsyncGenerator<TransparencyRow[]> {
  const query = source.closed ? closedTransparencyRowsQuery(period) : transparencyRowsQuery(period, source.timeZone);
  for await (const batch of fetchInBatches<Raw<TransparencyRow, "amount" | "irrecoverableVat">>(tx, query)) {
    for (const row of batch) {
      row.amount = Number(row.amount);
      row.irrecoverableVat = row.irrecoverableVat === null ? null : Number(row.irrecoverableVat);
    }
    yield batch as TransparencyRow[];
  }
}

/** What a period is broken down by; each names the export-row column it groups on. */
export const BREAKDOWN_DIMENSIONS = { team: "team", category: "category", scheme: "scheme", paymentMethod: "payment_method" } as const;
export type BreakdownDimension = keyof typeof BREAKDOWN_DIMENSIONS;

export interface BreakdownRow {
  dimension: BreakdownDimension;
  key: string;
  currency: string;
  /** Spends that count in the period (not voided; reversals are not spends). */
  count: number;
  /** Net, in minor units: what the rows add to the period, reversals negative. */
  total: number;
}

/**
 * The period's rows summed by team, by category, by scheme and by payment method in one pass
 * (grouping sets), from the same rows its files are made of: a closed month's frozen rows, an
 * open month's as they read now. So every dimension adds up to the period's total.
 */
export async function breakdownRows(db: Executor, period: string, source: RowSource): Promise<BreakdownRow[]> {
  const rows = source.closed
    ? sql`select team, category, scheme, payment_method, currency, amount, voided, reversal_of from closed_period_rows where period = ${period}`
    : sql`select team, category, scheme, payment_method, currency, amount, voided, reversal_of from (${periodRows(period, source.timeZone)}) x`;
  const dimensions = Object.entries(BREAKDOWN_DIMENSIONS);
  const which = sql.raw(`case ${dimensions.map(([name, column]) => `when grouping(${column}) = 0 then '${name}'`).join(" ")} end`);
  const key = sql.raw(`coalesce(${dimensions.map(([, column]) => column).join(", ")})`);
  const sets = sql.raw(dimensions.map(([, column]) => `(${column}, currency)`).join(", "));
  const result = (await db.execute(sql`
    select ${which} as dimension, ${key} as key, currency,
      count(*) filter (where not voided and reversal_of is null) as count,
      coalesce(sum(amount) filter (where not voided), 0)::text as total
    from (${rows}) r
    group by grouping sets (${sets})
    order by 1, sum(amount) filter (where not voided) desc nulls last, 2`)) as unknown as {
    rows: { dimension: BreakdownDimension; key: string; currency: string; count: string | number; total: string }[];
  };
  return result.rows.map((r) => ({ ...r, count: Number(r.count), total: Number(r.total) }));
}
