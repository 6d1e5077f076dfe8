CREATE TABLE "clearing_accounts" (
	"payment_method" text PRIMARY KEY NOT NULL,
	"account_code" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "closed_period_rows" ADD COLUMN "clearing_account" text;