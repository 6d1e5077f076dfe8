-- Until now a payee counted as an organisation unless someone ticked "private individual", and the
-- box started unticked: an "organisation" already stored may be nobody's answer. None was a
-- positive mark, so none is trusted: every such payee becomes unmarked and is redacted from the
-- transparency file until someone marks it again.
UPDATE "spends" SET "payee_type" = NULL WHERE "payee_type" = 'organisation';
--> statement-breakpoint
-- Closed periods keep their books, but their public file is made from these rows too. Only the
-- payee's mark changes, which no finance export or close-time hash contains; the trigger that
-- keeps the rows final is lifted for this one statement, by the tables' owner.
ALTER TABLE "closed_period_rows" DISABLE TRIGGER "closed_period_rows_no_update_or_delete";
--> statement-breakpoint
UPDATE "closed_period_rows" SET "payee_type" = NULL WHERE "payee_type" = 'organisation';
--> statement-breakpoint
ALTER TABLE "closed_period_rows" ENABLE TRIGGER "closed_period_rows_no_update_or_delete";
