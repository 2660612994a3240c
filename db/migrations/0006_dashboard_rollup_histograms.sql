-- the duration histograms change shape: the rollups start over, and the leader rolls every execution up again
DELETE FROM "execution_rollup_state";--> statement-breakpoint
TRUNCATE "execution_rollups", "execution_duration_rollups";--> statement-breakpoint
ALTER TABLE "execution_duration_rollups" DROP CONSTRAINT "execution_duration_rollups_key";--> statement-breakpoint
ALTER TABLE "execution_duration_rollups" ADD COLUMN "buckets" integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "execution_duration_rollups" DROP COLUMN "bucket";--> statement-breakpoint
ALTER TABLE "execution_duration_rollups" ADD CONSTRAINT "execution_duration_rollups_key" UNIQUE NULLS NOT DISTINCT("grain","starts_at","instance_id","integration_id","customer_id");