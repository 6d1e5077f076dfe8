DROP INDEX "spends_worker_idx";--> statement-breakpoint
CREATE INDEX "spends_team_created_idx" ON "spends" USING btree ("team_id","created_at","id");--> statement-breakpoint
CREATE INDEX "spends_created_idx" ON "spends" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "spends_worker_idx" ON "spends" USING btree ("worker_id","created_at","id");