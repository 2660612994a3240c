CREATE TABLE "backlog_refusals" (
	"minute" timestamp with time zone PRIMARY KEY NOT NULL,
	"refused" integer NOT NULL
);
