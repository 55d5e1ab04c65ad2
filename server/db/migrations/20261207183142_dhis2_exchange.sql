CREATE TABLE "exchange_data_elements" (
	"indicator_id" integer NOT NULL,
	"category" text DEFAULT 'total' NOT NULL,
	"part" text DEFAULT 'value' NOT NULL,
	"data_element" text NOT NULL,
	"category_option_combo" text DEFAULT '' NOT NULL,
	"adx_category" text DEFAULT '' NOT NULL,
	"adx_option" text DEFAULT '' NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_data_elements_indicator_id_category_part_pk" PRIMARY KEY("indicator_id","category","part")
);
--> statement-breakpoint
CREATE TABLE "exchange_data_sets" (
	"schedule_id" integer PRIMARY KEY NOT NULL,
	"data_set" text NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_org_units" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"org_unit" text NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_data_elements" ADD CONSTRAINT "exchange_data_elements_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_data_sets" ADD CONSTRAINT "exchange_data_sets_schedule_id_report_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."report_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_org_units" ADD CONSTRAINT "exchange_org_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_data_elements_coc_key" ON "exchange_data_elements" USING btree ("data_element","category_option_combo");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_data_elements_adx_key" ON "exchange_data_elements" USING btree ("data_element","adx_category","adx_option");--> statement-breakpoint
CREATE INDEX "exchange_data_sets_code_idx" ON "exchange_data_sets" USING btree ("data_set");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_org_units_code_key" ON "exchange_org_units" USING btree ("org_unit");