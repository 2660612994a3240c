CREATE TABLE "trigger_cursors" (
	"instance_id" uuid NOT NULL,
	"flow_key" text NOT NULL,
	"cursor" jsonb,
	"polled_slot" bigint DEFAULT -1 NOT NULL,
	"subscribed_trigger" text,
	"subscription" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trigger_cursors_instance_id_flow_key_pk" PRIMARY KEY("instance_id","flow_key")
);
--> statement-breakpoint
ALTER TABLE "trigger_cursors" ADD CONSTRAINT "trigger_cursors_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;