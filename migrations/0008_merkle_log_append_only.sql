-- The Merkle tree's tables are append-only like the events they hold: a leaf's place, a node's hash
-- and a signed checkpoint never change once written (the sequencer only inserts).
CREATE TRIGGER "log_leaves_no_update_or_delete" BEFORE UPDATE OR DELETE ON "log_leaves"
  FOR EACH ROW EXECUTE FUNCTION "events_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "log_leaves_no_truncate" BEFORE TRUNCATE ON "log_leaves"
  FOR EACH STATEMENT EXECUTE FUNCTION "events_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "log_nodes_no_update_or_delete" BEFORE UPDATE OR DELETE ON "log_nodes"
  FOR EACH ROW EXECUTE FUNCTION "events_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "log_nodes_no_truncate" BEFORE TRUNCATE ON "log_nodes"
  FOR EACH STATEMENT EXECUTE FUNCTION "events_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "log_checkpoints_no_update_or_delete" BEFORE UPDATE OR DELETE ON "log_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION "events_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "log_checkpoints_no_truncate" BEFORE TRUNCATE ON "log_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION "events_refuse_change"();
--> statement-breakpoint
-- The app's role (migration 0006) got every privilege on new tables by default; take back what an
-- append-only table must not allow. Where that role was never made, there is nothing to take back.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'greentape_app') THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON "log_leaves", "log_nodes", "log_checkpoints" FROM "greentape_app";
    GRANT SELECT, INSERT ON "log_leaves", "log_nodes", "log_checkpoints" TO "greentape_app";
    GRANT USAGE, SELECT ON SEQUENCE "log_checkpoints_id_seq" TO "greentape_app";
  END IF;
END
$$;
