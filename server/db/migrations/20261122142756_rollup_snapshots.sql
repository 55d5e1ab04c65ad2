CREATE TABLE "rollup_periods" (
	"period_id" integer PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone,
	"stale_since" timestamp with time zone,
	"stale_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "rollup_units" (
	"period_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"parent_id" integer,
	"depth" integer NOT NULL,
	"ancestors" integer[] NOT NULL,
	"type" text NOT NULL,
	"expected" boolean NOT NULL,
	"has_children" boolean NOT NULL,
	"expected_units" integer NOT NULL,
	CONSTRAINT "rollup_units_period_id_unit_id_pk" PRIMARY KEY("period_id","unit_id")
);
--> statement-breakpoint
ALTER TABLE "rollup_periods" ADD CONSTRAINT "rollup_periods_period_id_report_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."report_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_units" ADD CONSTRAINT "rollup_units_period_id_report_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."report_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_units" ADD CONSTRAINT "rollup_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollup_units_parent_idx" ON "rollup_units" USING btree ("period_id","parent_id");