ALTER TABLE "indicators" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
UPDATE "indicators" SET "unit" = '%' WHERE "kind" = 'ratio';
