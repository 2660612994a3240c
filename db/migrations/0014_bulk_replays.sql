CREATE TABLE "bulk_replay_runs" (
	"bulk_replay_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"original_id" uuid NOT NULL,
	"execution_id" uuid,
	"outcome" text,
	"error" text,
	CONSTRAINT "bulk_replay_runs_bulk_replay_id_position_pk" PRIMARY KEY("bulk_replay_id","position")
);
--> statement-breakpoint
CREATE TABLE "bulk_replays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filter" jsonb NOT NULL,
	"customer_id" uuid,
	"latest_version" boolean DEFAULT false NOT NULL,
	"per_second" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer NOT NULL,
	"replayed" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"cancel_requested_at" timestamp with time zone,
	"last_error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bulk_replay_runs" ADD CONSTRAINT "bulk_replay_runs_bulk_replay_id_bulk_replays_id_fk" FOREIGN KEY ("bulk_replay_id") REFERENCES "public"."bulk_replays"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_replays" ADD CONSTRAINT "bulk_replays_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_replays" ADD CONSTRAINT "bulk_replays_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_replay_runs_pending_idx" ON "bulk_replay_runs" USING btree ("bulk_replay_id","position") WHERE "bulk_replay_runs"."outcome" is null;--> statement-breakpoint
CREATE INDEX "bulk_replays_created_idx" ON "bulk_replays" USING btree ("created_at" DESC NULLS LAST);