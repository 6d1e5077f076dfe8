CREATE TABLE "log_checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tree_size" bigint NOT NULL,
	"note" text NOT NULL,
	"horizon" "xid8" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_leaves" (
	"log_index" bigint PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	CONSTRAINT "log_leaves_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "log_nodes" (
	"level" smallint NOT NULL,
	"idx" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "log_nodes_level_idx_pk" PRIMARY KEY("level","idx")
);
--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "id" SET DEFAULT nextval('events_id_seq');--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_samples" ADD COLUMN "log_checkpoint" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "leaf_hash" "bytea";--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "tx_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "periods" ADD COLUMN "log_checkpoint" text;--> statement-breakpoint
ALTER TABLE "log_leaves" ADD CONSTRAINT "log_leaves_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "log_checkpoints_size_idx" ON "log_checkpoints" USING btree ("tree_size");--> statement-breakpoint
CREATE INDEX "events_sequencing_idx" ON "events" USING btree ("tx_id","id");