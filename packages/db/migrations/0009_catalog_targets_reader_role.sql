CREATE TABLE "restore_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"region" text NOT NULL,
	"name" text NOT NULL,
	"lsn" text NOT NULL,
	"segment" text NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "restore_points" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "reader_username" text;--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "reader_password_enc" text;--> statement-breakpoint
ALTER TABLE "wal_ranges" ADD COLUMN "last_commit_lsn" text;--> statement-breakpoint
ALTER TABLE "wal_ranges" ADD COLUMN "last_commit_xid" text;--> statement-breakpoint
ALTER TABLE "instance_region_status" ADD COLUMN "restore_points_scanned_through" text;--> statement-breakpoint
ALTER TABLE "restore_points" ADD CONSTRAINT "restore_points_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_points" ADD CONSTRAINT "restore_points_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "restore_points_instance_region_lsn_uq" ON "restore_points" USING btree ("instance_id","region","lsn");--> statement-breakpoint
CREATE INDEX "restore_points_instance_name_idx" ON "restore_points" USING btree ("instance_id","name");--> statement-breakpoint
CREATE POLICY "restore_points_tenant_isolation" ON "restore_points" AS PERMISSIVE FOR ALL TO "rewind_app" USING (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid);--> statement-breakpoint
-- restore_points: forced RLS and the app role's grants; the catalog sync replaces them per region.
ALTER TABLE "restore_points" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "restore_points" TO rewind_app;