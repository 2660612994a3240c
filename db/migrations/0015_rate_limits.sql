CREATE TABLE "rate_limit_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"slots" bigint[] NOT NULL,
	"holders" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
