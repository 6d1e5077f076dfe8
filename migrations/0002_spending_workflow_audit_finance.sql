CREATE TABLE "audit_sample_items" (
	"sample_id" uuid NOT NULL,
	"spend_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"reasons" text[] NOT NULL,
	"result" text,
	"notes" text,
	"finding_by" uuid,
	"finding_at" timestamp (3) with time zone,
	CONSTRAINT "audit_sample_items_sample_id_spend_id_pk" PRIMARY KEY("sample_id","spend_id")
);
--> statement-breakpoint
CREATE TABLE "audit_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period" text NOT NULL,
	"seed" text NOT NULL,
	"method" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"algorithm" text NOT NULL,
	"algorithm_version" text NOT NULL,
	"dataset_digest" text NOT NULL,
	"population_size" integer NOT NULL,
	"drawn_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cap_counters" (
	"scope" text NOT NULL,
	"scheme_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"period" text NOT NULL,
	"used" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "cap_counters_scope_scheme_id_owner_id_period_pk" PRIMARY KEY("scope","scheme_id","owner_id","period"),
	CONSTRAINT "cap_counters_used_non_negative" CHECK ("cap_counters"."used" >= 0)
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"display_name" text,
	"team_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spend_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"visibility" text DEFAULT 'worker' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"spend_id" uuid PRIMARY KEY NOT NULL,
	"contacted_on" date NOT NULL,
	"method" text NOT NULL,
	"outcome" text NOT NULL,
	"client_view" text,
	"notes" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"spend_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "justification_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spend_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"narrative" text NOT NULL,
	"intended_outcome" text NOT NULL,
	"submitted_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_codes" (
	"category" text PRIMARY KEY NOT NULL,
	"gl_code" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"spend_id" uuid,
	"message" text NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "periods" (
	"period" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"closed_by" uuid,
	"spend_count" integer,
	"total" bigint,
	"export_sha256" text
);
--> statement-breakpoint
CREATE TABLE "receipt_lost_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spend_id" uuid NOT NULL,
	"description" text NOT NULL,
	"reason" text NOT NULL,
	"declared_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipt_lost_declarations_spend_id_unique" UNIQUE("spend_id")
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spend_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"sha256" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"original_name" text,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reversals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spend_id" uuid NOT NULL,
	"booked_period" text NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reversals_spend_id_unique" UNIQUE("spend_id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"spend_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"revision" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheme_versions" (
	"scheme_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"currency" text DEFAULT 'GBP' NOT NULL,
	"categories" text[] NOT NULL,
	"per_spend_cap" bigint,
	"per_client_cap" bigint,
	"per_client_window_days" integer NOT NULL,
	"per_worker_monthly_cap" bigint,
	"team_monthly_budget" bigint,
	"justification_due_days" integer NOT NULL,
	"follow_up_due_days" integer NOT NULL,
	"grace_days" integer DEFAULT 7 NOT NULL,
	"team_ids" uuid[],
	"audit_settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scheme_versions_scheme_id_version_pk" PRIMARY KEY("scheme_id","version"),
	CONSTRAINT "scheme_caps_positive" CHECK (coalesce("scheme_versions"."per_spend_cap", 1) > 0 and coalesce("scheme_versions"."per_client_cap", 1) > 0 and coalesce("scheme_versions"."per_worker_monthly_cap", 1) > 0 and coalesce("scheme_versions"."team_monthly_budget", 1) > 0)
);
--> statement-breakpoint
CREATE TABLE "schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"current_version" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snoozes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"granted_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"until_on" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"scheme_version" integer NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"category" text NOT NULL,
	"payee" text NOT NULL,
	"payee_type" text DEFAULT 'organisation' NOT NULL,
	"payment_method" text NOT NULL,
	"spent_on" date NOT NULL,
	"period" text NOT NULL,
	"booked_period" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"vat_amount" bigint DEFAULT 0 NOT NULL,
	"merchant_category" text,
	"flags" text[] DEFAULT '{}' NOT NULL,
	"justification_status" text DEFAULT 'due' NOT NULL,
	"justification_due_on" date NOT NULL,
	"follow_up_status" text DEFAULT 'pending' NOT NULL,
	"follow_up_due_on" date NOT NULL,
	"audit_status" text DEFAULT 'not_sampled' NOT NULL,
	"voided_at" timestamp (3) with time zone,
	"voided_by" uuid,
	"void_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spends_amount_positive" CHECK ("spends"."amount" > 0),
	CONSTRAINT "spends_vat_within_amount" CHECK ("spends"."vat_amount" >= 0 and "spends"."vat_amount" <= "spends"."amount")
);
--> statement-breakpoint
ALTER TABLE "audit_sample_items" ADD CONSTRAINT "audit_sample_items_sample_id_audit_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."audit_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_sample_items" ADD CONSTRAINT "audit_sample_items_spend_id_spends_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_sample_items" ADD CONSTRAINT "audit_sample_items_finding_by_users_id_fk" FOREIGN KEY ("finding_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_samples" ADD CONSTRAINT "audit_samples_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_spend_id_spends_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_spend_id_spends_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "justification_revisions" ADD CONSTRAINT "justification_revisions_spend_id_spends_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "justification_revisions" ADD CONSTRAINT "justification_revisions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_spend_id_spends_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "periods" ADD CONSTRAINT "periods_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_lost_declarations" ADD CONSTRAINT "receipt_lost_declarations_spend_id_spends_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_lost_declarations" ADD CONSTRAINT "receipt_lost_declarations_declared_by_users_id_fk" FOREIGN KEY ("declared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_spend_id_spends_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reversals" ADD CONSTRAINT "reversals_spend_id_spends_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_spend_id_spends_id_fk" FOREIGN KEY ("spend_id") REFERENCES "public"."spends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD CONSTRAINT "scheme_versions_scheme_id_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scheme_versions" ADD CONSTRAINT "scheme_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snoozes" ADD CONSTRAINT "snoozes_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snoozes" ADD CONSTRAINT "snoozes_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spends" ADD CONSTRAINT "spends_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spends" ADD CONSTRAINT "spends_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spends" ADD CONSTRAINT "spends_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_sample_items_spend_idx" ON "audit_sample_items" USING btree ("spend_id");--> statement-breakpoint
CREATE INDEX "clients_team_idx" ON "clients" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "comments_spend_idx" ON "comments" USING btree ("spend_id");--> statement-breakpoint
CREATE UNIQUE INDEX "justification_revisions_spend_revision" ON "justification_revisions" USING btree ("spend_id","revision");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "reviews_spend_idx" ON "reviews" USING btree ("spend_id");--> statement-breakpoint
CREATE INDEX "snoozes_worker_idx" ON "snoozes" USING btree ("worker_id","created_at");--> statement-breakpoint
CREATE INDEX "spends_team_period_idx" ON "spends" USING btree ("team_id","period");--> statement-breakpoint
CREATE INDEX "spends_worker_idx" ON "spends" USING btree ("worker_id","created_at");--> statement-breakpoint
CREATE INDEX "spends_client_idx" ON "spends" USING btree ("client_id","spent_on");--> statement-breakpoint
CREATE INDEX "spends_period_idx" ON "spends" USING btree ("period");--> statement-breakpoint
CREATE INDEX "spends_booked_period_idx" ON "spends" USING btree ("booked_period");