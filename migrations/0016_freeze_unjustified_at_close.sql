ALTER TABLE "periods" ADD COLUMN "unjustified_count" integer;--> statement-breakpoint
-- Months closed before this column existed: their close event recorded the count it showed.
UPDATE "periods" AS p SET "unjustified_count" = (e."data"->>'unjustifiedCount')::integer
FROM "events" AS e
WHERE p."status" = 'closed' AND e."type" = 'period.closed' AND e."subject_type" = 'period' AND e."subject_id" = p."period";
