ALTER TABLE "spends" ADD COLUMN "payee_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "spends_team_payee_idx" ON "spends" USING btree ("team_id","payee_key");--> statement-breakpoint
CREATE INDEX "spends_worker_client_idx" ON "spends" USING btree ("worker_id","client_id","spent_on");--> statement-breakpoint
CREATE INDEX "spends_team_category_idx" ON "spends" USING btree ("team_id","category","spent_on");