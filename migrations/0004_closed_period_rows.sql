CREATE TABLE "closed_period_rows" (
	"period" text NOT NULL,
	"position" integer NOT NULL,
	"transaction_id" text NOT NULL,
	"spent_on" text NOT NULL,
	"booked_period" text NOT NULL,
	"logged_at" text NOT NULL,
	"team" text NOT NULL,
	"cost_centre" text NOT NULL,
	"scheme" text NOT NULL,
	"scheme_version" integer NOT NULL,
	"category" text NOT NULL,
	"gl_code" text,
	"payee" text NOT NULL,
	"payment_method" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"staff_id" text,
	"client_reference" text NOT NULL,
	"justification_status" text,
	"follow_up_status" text,
	"voided" boolean NOT NULL,
	"reversal_of" text,
	"department" text NOT NULL,
	"payee_type" text NOT NULL,
	"irrecoverable_vat" bigint NOT NULL,
	"merchant_category" text,
	"transparency_date" text NOT NULL,
	CONSTRAINT "closed_period_rows_period_position_pk" PRIMARY KEY("period","position")
);
--> statement-breakpoint
ALTER TABLE "closed_period_rows" ADD CONSTRAINT "closed_period_rows_period_periods_period_fk" FOREIGN KEY ("period") REFERENCES "public"."periods"("period") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A closed period's rows are its books: once written at close they are never changed or removed.
CREATE FUNCTION "closed_period_rows_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a closed period''s rows are final: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "closed_period_rows_no_update_or_delete" BEFORE UPDATE OR DELETE ON "closed_period_rows"
  FOR EACH ROW EXECUTE FUNCTION "closed_period_rows_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "closed_period_rows_no_truncate" BEFORE TRUNCATE ON "closed_period_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "closed_period_rows_refuse_change"();
--> statement-breakpoint
-- Periods closed before this table existed: their rows as they stood at close (tracks rebuilt from
-- the steps recorded up to closed_at, as exports of closed periods were made until now), in export
-- order. Reversal rows are dated in Europe/London, the default TIME_ZONE.
INSERT INTO "closed_period_rows" ("period", "position", "transaction_id", "spent_on", "booked_period", "logged_at", "team", "cost_centre",
  "scheme", "scheme_version", "category", "gl_code", "payee", "payment_method", "amount", "currency", "staff_id", "client_reference",
  "justification_status", "follow_up_status", "voided", "reversal_of", "department", "payee_type", "irrecoverable_vat", "merchant_category",
  "transparency_date")
SELECT x.period, row_number() OVER (PARTITION BY x.period ORDER BY x.kind, x.sort_at, x.sort_id),
  x.transaction_id, x.spent_on, x.booked_period, x.logged_at, x.team, x.cost_centre, x.scheme, x.scheme_version, x.category, x.gl_code,
  x.payee, x.payment_method, x.amount, x.currency, x.staff_id, x.client_reference, x.justification_status, x.follow_up_status, x.voided,
  x.reversal_of, x.department, x.payee_type, x.irrecoverable_vat, x.merchant_category, x.transparency_date
FROM "periods" p
CROSS JOIN LATERAL (
  SELECT 0 AS kind, s.created_at AS sort_at, s.id AS sort_id, p.period,
    s.id::text AS transaction_id, to_char(s.spent_on, 'YYYY-MM-DD') AS spent_on, s.booked_period,
    to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS logged_at,
    t.name AS team, t.cost_centre, sv.name AS scheme, s.scheme_version, s.category, lc.gl_code,
    s.payee, s.payment_method, s.amount, s.currency, u.staff_id, c.reference AS client_reference,
    CASE
      WHEN last_review.at IS NOT NULL AND (last_revision.at IS NULL OR last_review.at >= last_revision.at)
        THEN CASE last_review.decision WHEN 'endorse' THEN 'endorsed' WHEN 'query' THEN 'queried' ELSE 'concern' END
      WHEN last_revision.at IS NOT NULL THEN 'submitted'
      ELSE 'due' END AS justification_status,
    CASE WHEN done_follow_up.spend_id IS NOT NULL THEN 'done' ELSE 'pending' END AS follow_up_status,
    NOT (s.voided_at IS NULL OR EXISTS (SELECT 1 FROM reversals r WHERE r.spend_id = s.id)) AS voided, NULL::text AS reversal_of,
    t.service_area AS department, s.payee_type, s.vat_amount AS irrecoverable_vat, s.merchant_category,
    to_char(s.spent_on, 'YYYY-MM-DD') AS transparency_date
  FROM spends s
    JOIN teams t ON t.id = s.team_id
    JOIN users u ON u.id = s.worker_id
    JOIN clients c ON c.id = s.client_id
    JOIN scheme_versions sv ON sv.scheme_id = s.scheme_id AND sv.version = s.scheme_version
    LEFT JOIN ledger_codes lc ON lc.category = s.category
    LEFT JOIN LATERAL (SELECT max(jr.created_at) AS at FROM justification_revisions jr WHERE jr.spend_id = s.id AND jr.created_at <= p.closed_at) last_revision ON true
    LEFT JOIN LATERAL (SELECT rv.created_at AS at, rv.decision FROM reviews rv WHERE rv.spend_id = s.id AND rv.created_at <= p.closed_at ORDER BY rv.created_at DESC, rv.id DESC LIMIT 1) last_review ON true
    LEFT JOIN LATERAL (SELECT f.spend_id FROM follow_ups f WHERE f.spend_id = s.id AND f.created_at <= p.closed_at LIMIT 1) done_follow_up ON true
  WHERE s.booked_period = p.period
  UNION ALL
  SELECT 1, r.created_at, r.id, p.period,
    r.id::text, to_char(s.spent_on, 'YYYY-MM-DD'), r.booked_period, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    t.name, t.cost_centre, sv.name, s.scheme_version, s.category, lc.gl_code,
    s.payee, s.payment_method, r.amount, s.currency, u.staff_id, c.reference,
    NULL, NULL, false, s.id::text,
    t.service_area, s.payee_type, -s.vat_amount, s.merchant_category, to_char((r.created_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD')
  FROM reversals r
    JOIN spends s ON s.id = r.spend_id
    JOIN teams t ON t.id = s.team_id
    JOIN users u ON u.id = s.worker_id
    JOIN clients c ON c.id = s.client_id
    JOIN scheme_versions sv ON sv.scheme_id = s.scheme_id AND sv.version = s.scheme_version
    LEFT JOIN ledger_codes lc ON lc.category = s.category
  WHERE r.booked_period = p.period
) x
WHERE p.status = 'closed';
