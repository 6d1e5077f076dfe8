/**
 * The spend's write path in three statements, each prepared once per connection:
 * - SPEND_CHECKS reads, before any lock and outside the transaction, everything the rules need:
 *   the idempotency key, the scheme version, the client, the worker's owed justifications, latest
 *   snooze and restrictions in force, the client's spends in the rolling window, the flags' look-ups and the periods.
 * - SPEND_WRITE_ALONE claims the idempotency key, moves the team counter then the worker counter
 *   (each an insert-or-update that holds only within its cap and returns the new total), counts
 *   the spend on the client's row, holds the period for booking and inserts the spend and its
 *   event: one statement, the locks in that fixed order, run with no transaction around it, so
 *   its locks are let go as it ends rather than a round trip later. When any part refuses it
 *   aborts itself (spend_refused), so nothing it moved stays moved.
 * - When the refusal was that another spend for the same client committed between the checks and
 *   the client's lock, SPEND_WRITE does the same inside a transaction without aborting, and
 *   SPEND_INSERT, its last part alone, inserts once the checks are read again under the lock.
 */
import type { Executor } from "@greentape/db/client";
import { preparedStatement, runPrepared } from "@greentape/db/prepared";
import type { RestrictionTerms } from "@greentape/domain/restrictions";
import type { CapScope } from "./spends.queries.ts";
import type { JustificationStatus } from "@greentape/domain/tracks";

const CHECKS = `
with v as (
  select v.* from schemes s join scheme_versions v on v.scheme_id = s.id and v.version = s.current_version where s.id = :schemeId::uuid
)
select json_build_object(
  'key', (select json_build_object('requestHash', k.request_hash, 'spendId', k.spend_id) from idempotency_keys k where k.user_id = :workerId::uuid and k.key = :idempotencyKey::text),
  'scheme', (select json_build_object(
      'schemeId', v.scheme_id, 'version', v.version, 'currency', v.currency, 'categories', v.categories, 'teamIds', v.team_ids,
      'perSpendCap', v.per_spend_cap, 'perClientCap', v.per_client_cap, 'perClientWindowDays', v.per_client_window_days,
      'perWorkerMonthlyCap', v.per_worker_monthly_cap, 'teamMonthlyBudget', v.team_monthly_budget,
      'justificationDueDays', v.justification_due_days, 'followUpDueDays', v.follow_up_due_days) from v),
  'client', (select json_build_object('teamId', c.team_id, 'spendsLogged', c.spends_logged) from clients c where c.id = :clientId::uuid),
  'owed', (select coalesce(json_agg(o order by o."justificationDueOn", o.id), '[]') from (
      select sp.id, sp.amount, sp.currency, sp.payee, sp.spent_on as "spentOn", sp.justification_status as "justificationStatus", sp.justification_due_on as "justificationDueOn"
      from spends sp join scheme_versions sv on sv.scheme_id = sp.scheme_id and sv.version = sp.scheme_version
      where sp.worker_id = :workerId::uuid and sp.voided_at is null and sp.justification_status in ('due', 'queried') and sp.justification_due_on + sv.grace_days < :today::date) o),
  'restrictions', (select coalesce(json_agg(json_build_object('id', r.id, 'kind', r.kind, 'reason', r.reason, 'untilOn', r.until_on,
      'perSpendCap', r.per_spend_cap, 'perWorkerMonthlyCap', r.per_worker_monthly_cap, 'liftedAt', r.lifted_at)), '[]')
      from restrictions r where r.user_id = :workerId::uuid and r.lifted_at is null and (r.until_on is null or r.until_on >= :today::date)),
  'snoozedUntil', (select sn.until_on from snoozes sn where sn.worker_id = :workerId::uuid order by sn.created_at desc limit 1),
  'clientWindow', (select coalesce(json_agg(json_build_object('amount', sp.amount, 'spentOn', sp.spent_on)), '[]') from spends sp, v
      where sp.client_id = :clientId::uuid and sp.scheme_id = :schemeId::uuid and sp.voided_at is null and v.per_client_cap is not null
        and sp.spent_on between :spentOn::date - (v.per_client_window_days - 1) and :spentOn::date + (v.per_client_window_days - 1)),
  'sameWorkerClientPayee', (select coalesce(json_agg(json_build_object('amount', sp.amount, 'spentOn', sp.spent_on)), '[]') from spends sp
      where sp.worker_id = :workerId::uuid and sp.client_id = :clientId::uuid and sp.payee_key = :payeeKey::text and sp.voided_at is null
        and sp.spent_on between :spentOn::date - :splitDays::int and :spentOn::date + :splitDays::int),
  'duplicates', (select count(*) from spends sp
      where sp.client_id = :clientId::uuid and sp.spent_on = :spentOn::date and sp.amount = :amount::bigint and sp.payee_key = :payeeKey::text and sp.voided_at is null),
  'teamAmounts', (select coalesce(array_agg(sp.amount), '{}') from spends sp
      where sp.team_id = :teamId::uuid and sp.category = :category::text and sp.voided_at is null and sp.spent_on between :today::date - :teamNormalDays::int and :today::date),
  'payeeSeen', exists (select 1 from spends sp where sp.team_id = :teamId::uuid and sp.payee_key = :payeeKey::text),
  'periods', (select coalesce(json_object_agg(p.period, p.status), '{}') from periods p where p.period >= :period::text)
) as checks`;

/** Period held, spend and event inserted; `held` is what the statement's earlier parts decided. */
const insertParts = (held: string) => `
period as (
  select p.status from periods p where p.period = :bookedPeriod::text and p.status = 'open' and ${held} for share
), spend as (
  insert into spends (id, worker_id, team_id, client_id, scheme_id, scheme_version, amount, currency, category, payee, payee_key, payee_type, payment_method, vat_amount,
                      spent_on, period, booked_period, note, flags, justification_due_on, follow_up_due_on, created_at)
  select :spendId::uuid, :workerId::uuid, :teamId::uuid, :clientId::uuid, :schemeId::uuid, :schemeVersion::int, :amount::bigint, :currency::text, :category::text, :payee::text,
         :payeeKey::text, :payeeType::text, :paymentMethod::text, :vatAmount::bigint, :spentOn::date, :period::text, :bookedPeriod::text, :note::text, :flags::text[],
         :justificationDueOn::date, :followUpDueOn::date, :now::timestamptz
  from period
  returning id
), event as (
  insert into events (occurred_at, actor_id, type, subject_type, subject_id, data, leaf_hash)
  select :now::timestamptz, :workerId::uuid, 'spend.logged', 'spend', spend.id::text, :eventData::jsonb, decode(:leafHash::text, 'hex') from spend
  returning id
)`;

const counter = (scope: CapScope, owner: string, limit: string, after: string) => `
  insert into cap_counters as c (scope, scheme_id, owner_id, period, used)
  select '${scope}', :schemeId::uuid, ${owner}, :period::text, :amount::bigint from ${after} where ${limit} is null or :amount::bigint <= ${limit}
  on conflict (scope, scheme_id, owner_id, period) do update set used = c.used + excluded.used where ${limit} is null or c.used + excluded.used <= ${limit}
  returning used`;

const WRITE_PARTS = `
with claim as (
  insert into idempotency_keys (user_id, key, request_hash, spend_id, created_at) values (:workerId::uuid, :idempotencyKey::text, :requestHash::text, :spendId::uuid, :now::timestamptz)
  on conflict do nothing
  returning 1 as claimed
), team as (${counter("team", ":teamId::uuid", ":teamLimit::bigint", "claim")}
), worker as (${counter("worker", ":workerId::uuid", ":workerLimit::bigint", "team")}
), client as (
  update clients set spends_logged = spends_logged + 1 where id = :clientId::uuid and exists (select 1 from worker) returning spends_logged - 1 as before
), ${insertParts("exists (select 1 from client where client.before = :spendsLogged::bigint)")}`;

const WRITE = `${WRITE_PARTS}
select exists (select 1 from claim) as claimed, (select used from team) as "teamUsed", (select used from worker) as "workerUsed",
       (select before from client) as "clientBefore", exists (select 1 from event) as written`;

const WRITE_ALONE = `${WRITE_PARTS}
select case
  when not exists (select 1 from claim) then spend_refused('key-taken')
  when (select used from team) is null then spend_refused('teamMonthly')
  when (select used from worker) is null then spend_refused('perWorkerMonthly')
  when not exists (select 1 from event) then spend_refused(case when (select before from client) = :spendsLogged::bigint then 'period-closed' else 'client-moved' end)
  else true end as written`;

const INSERT = `with ${insertParts("true")} select exists (select 1 from event) as written`;

const SPEND_CHECKS = preparedStatement<CheckParam>("spend_checks", CHECKS);
const SPEND_WRITE_ALONE = preparedStatement<WriteParam>("spend_write_alone", WRITE_ALONE);
const SPEND_WRITE = preparedStatement<WriteParam>("spend_write", WRITE);
const SPEND_INSERT = preparedStatement<InsertParam>("spend_insert", INSERT);

type CheckParam = "schemeId" | "workerId" | "idempotencyKey" | "clientId" | "today" | "spentOn" | "payeeKey" | "splitDays" | "amount" | "teamId" | "category" | "teamNormalDays" | "period";
type InsertParam =
  | "bookedPeriod" | "spendId" | "workerId" | "teamId" | "clientId" | "schemeId" | "schemeVersion" | "amount" | "currency" | "category" | "payee" | "payeeKey" | "payeeType"
  | "paymentMethod" | "vatAmount" | "spentOn" | "period" | "note" | "flags" | "justificationDueOn" | "followUpDueOn" | "now" | "eventData" | "leafHash";
type WriteParam = InsertParam | "idempotencyKey" | "requestHash" | "teamLimit" | "workerLimit" | "spendsLogged";

export interface CheckedScheme {
  schemeId: string;
  version: number;
  currency: string;
  categories: string[];
  teamIds: string[] | null;
  perSpendCap: number | null;
  perClientCap: number | null;
  perClientWindowDays: number;
  perWorkerMonthlyCap: number | null;
  teamMonthlyBudget: number | null;
  justificationDueDays: number;
  followUpDueDays: number;
}

export interface OwedSpend {
  id: string;
  amount: number;
  currency: string;
  payee: string;
  spentOn: string;
  justificationStatus: JustificationStatus;
  justificationDueOn: string;
}

export interface SpendChecks {
  key: { requestHash: string; spendId: string } | null;
  scheme: CheckedScheme | null;
  client: { teamId: string; spendsLogged: number } | null;
  /** The worker's live spends owing a justification past their grace days, oldest due first. */
  owed: OwedSpend[];
  snoozedUntil: string | null;
  /** The worker's restrictions in force today (not lifted, not past their last day). */
  restrictions: (RestrictionTerms & { id: string })[];
  /** The client's live spends under this scheme within a window either side (empty when it has no per-client cap). */
  clientWindow: { amount: number; spentOn: string }[];
  sameWorkerClientPayee: { amount: number; spentOn: string }[];
  duplicates: number;
  /** PostgreSQL's bigint array arrives as text. */
  teamAmounts: (number | string)[];
  payeeSeen: boolean;
  /** Status of each known period from the spend's own onwards. */
  periods: Record<string, "open" | "closed">;
}

export async function readSpendChecks(db: Executor, values: Record<CheckParam, unknown>): Promise<SpendChecks> {
  const [row] = await runPrepared<{ checks: SpendChecks | string }, CheckParam>(db, SPEND_CHECKS, values);
  if (!row) throw new Error("the spend checks returned no row");
  // pg parses json; PGlite too, but a driver that hands back text is read the same way.
  return typeof row.checks === "string" ? (JSON.parse(row.checks) as SpendChecks) : row.checks;
}

export interface WriteOutcome {
  claimed: boolean;
  teamUsed: number | string | null;
  workerUsed: number | string | null;
  clientBefore: number | string | null;
  written: boolean;
}

export const SPEND_REFUSALS = ["key-taken", "teamMonthly", "perWorkerMonthly", "period-closed", "client-moved"] as const;
export type SpendRefusal = (typeof SPEND_REFUSALS)[number];

/** The reason a spend_refused abort gave, or undefined for any other error. */
function refusalOf(error: unknown): SpendRefusal | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const reason = /^spend-refused: ([\w-]+)$/.exec(e.message)?.[1];
    if (reason) return SPEND_REFUSALS.find((r) => r === reason);
  }
  return undefined;
}

/** The whole write as one statement outside any transaction: written, or refused with nothing moved. */
export async function writeSpendAlone(db: Executor, values: Record<WriteParam, unknown>): Promise<{ written: true } | { written: false; refusal: SpendRefusal }> {
  try {
    await runPrepared(db, SPEND_WRITE_ALONE, values);
    return { written: true };
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return { written: false, refusal };
  }
}

export async function writeSpend(db: Executor, values: Record<WriteParam, unknown>): Promise<WriteOutcome> {
  const [row] = await runPrepared<WriteOutcome, WriteParam>(db, SPEND_WRITE, values);
  if (!row) throw new Error("the spend write returned no row");
  return row;
}

/** True when written; false when the period closed meanwhile. */
export async function insertSpendAndEvent(db: Executor, values: Record<InsertParam, unknown>): Promise<boolean> {
  const [row] = await runPrepared<{ written: boolean }, InsertParam>(db, SPEND_INSERT, values);
  return row?.written === true;
}
