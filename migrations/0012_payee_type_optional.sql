ALTER TABLE "closed_period_rows" ALTER COLUMN "payee_type" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "spends" ALTER COLUMN "payee_type" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "spends" ALTER COLUMN "payee_type" DROP NOT NULL;