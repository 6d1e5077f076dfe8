ALTER TABLE "audit_sample_items" ADD COLUMN "misstatement" bigint;--> statement-breakpoint
ALTER TABLE "audit_samples" ADD COLUMN "population_total" bigint;--> statement-breakpoint
ALTER TABLE "audit_samples" ADD COLUMN "population_ids" uuid[];