CREATE TABLE "restrictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"until_on" date,
	"per_spend_cap" bigint,
	"per_worker_monthly_cap" bigint,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp (3) with time zone,
	"lifted_by" uuid,
	"lift_reason" text,
	CONSTRAINT "restrictions_kind_valid" CHECK ("restrictions"."kind" in ('suspend','lower_caps')),
	CONSTRAINT "restrictions_caps_fit_kind" CHECK (case when "restrictions"."kind" = 'suspend' then "restrictions"."per_spend_cap" is null and "restrictions"."per_worker_monthly_cap" is null else coalesce("restrictions"."per_spend_cap", "restrictions"."per_worker_monthly_cap") is not null end),
	CONSTRAINT "restrictions_caps_non_negative" CHECK (coalesce("restrictions"."per_spend_cap", 0) >= 0 and coalesce("restrictions"."per_worker_monthly_cap", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "restrictions_user_idx" ON "restrictions" USING btree ("user_id") WHERE "restrictions"."lifted_at" is null;