CREATE TABLE "audit_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"from_seq" bigint NOT NULL,
	"to_seq" bigint NOT NULL,
	"region" text NOT NULL,
	"object_key" text NOT NULL,
	"last_hash" text NOT NULL,
	"exported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_exports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "geo_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"ok" boolean NOT NULL,
	"missing_segments" integer DEFAULT 0 NOT NULL,
	"missing_backups" integer DEFAULT 0 NOT NULL,
	"lag_seconds" bigint,
	"detail" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "geo_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "instance_region_status" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"region" text NOT NULL,
	"latest_commit_at" timestamp (6) with time zone,
	"latest_commit_lsn" text,
	"latest_commit_xid" text,
	"newest_segment" text,
	"archive_ok" boolean DEFAULT false NOT NULL,
	"error" text,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instance_region_status" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_exports" ADD CONSTRAINT "audit_exports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "geo_checks" ADD CONSTRAINT "geo_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "geo_checks" ADD CONSTRAINT "geo_checks_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instance_region_status" ADD CONSTRAINT "instance_region_status_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instance_region_status" ADD CONSTRAINT "instance_region_status_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_exports_tenant_idx" ON "audit_exports" USING btree ("tenant_id","to_seq");--> statement-breakpoint
CREATE INDEX "geo_checks_instance_idx" ON "geo_checks" USING btree ("instance_id","checked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "instance_region_status_uq" ON "instance_region_status" USING btree ("instance_id","region");--> statement-breakpoint
CREATE POLICY "audit_exports_tenant_isolation" ON "audit_exports" AS PERMISSIVE FOR ALL TO "rewind_app" USING (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "geo_checks_tenant_isolation" ON "geo_checks" AS PERMISSIVE FOR ALL TO "rewind_app" USING (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "instance_region_status_tenant_isolation" ON "instance_region_status" AS PERMISSIVE FOR ALL TO "rewind_app" USING (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid);