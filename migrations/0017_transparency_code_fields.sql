ALTER TABLE "closed_period_rows" ALTER COLUMN "irrecoverable_vat" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "spends" ALTER COLUMN "vat_amount" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "spends" ALTER COLUMN "vat_amount" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "closed_period_rows" ADD COLUMN "expense_type" text;--> statement-breakpoint
ALTER TABLE "ledger_codes" ADD COLUMN "account_name" text;--> statement-breakpoint
ALTER TABLE "ledger_codes" ADD COLUMN "merchant_category" text;--> statement-breakpoint
-- Until now every spend stored 0 here because nothing recorded its VAT: 0 meant "not recorded",
-- which the transparency file must not publish as "no irrecoverable VAT". Closed months keep
-- their frozen rows as they were published.
UPDATE "spends" SET "vat_amount" = NULL WHERE "vat_amount" = 0;
