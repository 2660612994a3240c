CREATE TABLE "execution_duration_rollups" (
	"grain" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"integration_id" uuid,
	"customer_id" uuid,
	"instance_id" uuid,
	"bucket" smallint NOT NULL,
	"runs" integer NOT NULL,
	"min_ms" integer NOT NULL,
	"max_ms" integer NOT NULL,
	CONSTRAINT "execution_duration_rollups_key" UNIQUE NULLS NOT DISTINCT("grain","starts_at","instance_id","bucket","integration_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "execution_rollup_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"covered_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "execution_rollups" (
	"grain" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"integration_id" uuid,
	"customer_id" uuid,
	"instance_id" uuid,
	"flow_key" text NOT NULL,
	"status" text NOT NULL,
	"runs" integer NOT NULL,
	CONSTRAINT "execution_rollups_key" UNIQUE NULLS NOT DISTINCT("grain","starts_at","instance_id","flow_key","status","integration_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "execution_duration_rollups" ADD CONSTRAINT "execution_duration_rollups_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_duration_rollups" ADD CONSTRAINT "execution_duration_rollups_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_duration_rollups" ADD CONSTRAINT "execution_duration_rollups_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_rollups" ADD CONSTRAINT "execution_rollups_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_rollups" ADD CONSTRAINT "execution_rollups_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_rollups" ADD CONSTRAINT "execution_rollups_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "executions_finished_idx" ON "executions" USING btree ("finished_at") WHERE "executions"."finished_at" is not null;