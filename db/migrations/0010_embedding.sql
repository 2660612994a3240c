CREATE TABLE "embed_signing_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kid" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text,
	"jwks_url" text,
	"secret" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "embed_signing_keys_kid_unique" UNIQUE("kid")
);
--> statement-breakpoint
CREATE TABLE "embed_token_uses" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "embedded_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "embedded_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "org_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "customer_config_presets" (
	"customer_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"config_var_key" text NOT NULL,
	"mode" text NOT NULL,
	"value" jsonb,
	"sealed_value" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_config_presets_customer_id_integration_id_config_var_key_pk" PRIMARY KEY("customer_id","integration_id","config_var_key")
);
--> statement-breakpoint
CREATE TABLE "integration_customer_access" (
	"integration_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	CONSTRAINT "integration_customer_access_integration_id_customer_id_pk" PRIMARY KEY("integration_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "oauth2_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"integration_id" uuid NOT NULL,
	"customer_id" uuid,
	"instance_id" uuid,
	"config_var_key" text NOT NULL,
	"provider" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"tokens" text,
	"access_token_expires_at" timestamp with time zone,
	"state_hash" text,
	"code_verifier" text,
	"state_expires_at" timestamp with time zone,
	"last_error" text,
	"last_refreshed_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oauth2_connections_state_hash_unique" UNIQUE("state_hash")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "marketplace_visibility" text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "icon" text;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "oauth_client_secrets" text;--> statement-breakpoint
ALTER TABLE "embedded_sessions" ADD CONSTRAINT "embedded_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_settings" ADD CONSTRAINT "org_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_config_presets" ADD CONSTRAINT "customer_config_presets_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_config_presets" ADD CONSTRAINT "customer_config_presets_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_customer_access" ADD CONSTRAINT "integration_customer_access_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_customer_access" ADD CONSTRAINT "integration_customer_access_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth2_connections" ADD CONSTRAINT "oauth2_connections_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth2_connections" ADD CONSTRAINT "oauth2_connections_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth2_connections" ADD CONSTRAINT "oauth2_connections_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth2_connections" ADD CONSTRAINT "oauth2_connections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "embed_token_uses_expires_idx" ON "embed_token_uses" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "embedded_sessions_user_idx" ON "embedded_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "oauth2_connections_customer_idx" ON "oauth2_connections" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "oauth2_connections_instance_idx" ON "oauth2_connections" USING btree ("instance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_customer_external_id" ON "users" USING btree ("customer_id","external_id");