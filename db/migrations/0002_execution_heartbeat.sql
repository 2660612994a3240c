ALTER TABLE "executions" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "worker_id" text;--> statement-breakpoint
CREATE INDEX "executions_running_idx" ON "executions" USING btree ("heartbeat_at") WHERE "executions"."status" = 'running';