ALTER TABLE "instances" ADD COLUMN "health_reason" text;--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "clock_skew_ms" integer;--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "probed_at" timestamp with time zone;