ALTER TABLE "instance_region_status" ADD COLUMN "archived_through_at" timestamp (6) with time zone;--> statement-breakpoint
ALTER TABLE "instance_region_status" ADD COLUMN "archived_through_segment" text;--> statement-breakpoint
ALTER TABLE "instance_region_status" ADD COLUMN "unarchived_wal_bytes" bigint;