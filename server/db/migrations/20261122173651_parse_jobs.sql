CREATE TABLE "parse_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" integer,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"progress_done" integer,
	"progress_total" integer,
	"result" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "parse_jobs" ADD CONSTRAINT "parse_jobs_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parse_jobs_owner_idx" ON "parse_jobs" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "parse_jobs_created_idx" ON "parse_jobs" USING btree ("created_at");