CREATE TABLE "rollup_values" (
	"period_id" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"category" text DEFAULT 'total' NOT NULL,
	"numerator" double precision DEFAULT 0 NOT NULL,
	"denominator" double precision DEFAULT 0 NOT NULL,
	"reporting_units" integer DEFAULT 0 NOT NULL,
	"meeting_units" integer DEFAULT 0 NOT NULL,
	"expected_units" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rollup_values_period_id_indicator_id_unit_id_category_pk" PRIMARY KEY("period_id","indicator_id","unit_id","category")
);
--> statement-breakpoint
ALTER TABLE "rollup_values" ADD CONSTRAINT "rollup_values_period_id_report_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."report_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_values" ADD CONSTRAINT "rollup_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_values" ADD CONSTRAINT "rollup_values_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollup_values_unit_idx" ON "rollup_values" USING btree ("unit_id","period_id");