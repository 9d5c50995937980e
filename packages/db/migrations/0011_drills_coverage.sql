CREATE TABLE "repository_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"region" text NOT NULL,
	"kind" text NOT NULL,
	"ok" boolean NOT NULL,
	"findings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"detail" text NOT NULL,
	"duration_ms" integer,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "repository_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "drill_every_seconds" integer DEFAULT 86400 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "drill_oldest_every" integer;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD COLUMN "target_kind" text;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD COLUMN "sequence" integer;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD COLUMN "backup_label" text;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD COLUMN "backup_stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD COLUMN "phases" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD COLUMN "bytes_restored" bigint;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD COLUMN "failed_check" text;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD COLUMN "wal_segment" text;--> statement-breakpoint
ALTER TABLE "repository_checks" ADD CONSTRAINT "repository_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repository_checks" ADD CONSTRAINT "repository_checks_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repository_checks_instance_idx" ON "repository_checks" USING btree ("tenant_id","instance_id","region","checked_at");--> statement-breakpoint
CREATE POLICY "repository_checks_tenant_isolation" ON "repository_checks" AS PERMISSIVE FOR ALL TO "rewind_app" USING (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid);--> statement-breakpoint
-- repository_checks: forced RLS; the worker appends results in a tenant transaction, nobody updates or deletes them
ALTER TABLE "repository_checks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT ON "repository_checks" TO rewind_app;--> statement-breakpoint
-- drill cadence of the catalogue (seedReference writes the same on every seed)
UPDATE "plans" SET "drill_every_seconds" = 86400, "drill_oldest_every" = 7 WHERE "id" = 'free';--> statement-breakpoint
UPDATE "plans" SET "drill_every_seconds" = 21600, "drill_oldest_every" = 4 WHERE "id" = 'pro';--> statement-breakpoint
UPDATE "plans" SET "drill_every_seconds" = 7200, "drill_oldest_every" = 12 WHERE "id" = 'business';--> statement-breakpoint
UPDATE "plans" SET "drill_every_seconds" = 3600, "drill_oldest_every" = 24 WHERE "id" = 'enterprise';
