ALTER TABLE "instances" DROP CONSTRAINT "instances_version_id_integration_versions_id_fk";
--> statement-breakpoint
ALTER TABLE "instances" ADD CONSTRAINT "instances_version_id_integration_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."integration_versions"("id") ON DELETE no action ON UPDATE no action;