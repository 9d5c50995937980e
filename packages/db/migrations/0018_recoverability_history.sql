CREATE TABLE "recovery_point_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"region" text NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"age_seconds" double precision
);
--> statement-breakpoint
ALTER TABLE "recovery_point_samples" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "restores" ADD COLUMN "phase_durations" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "recovery_point_samples" ADD CONSTRAINT "recovery_point_samples_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_point_samples" ADD CONSTRAINT "recovery_point_samples_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recovery_point_samples_instance_idx" ON "recovery_point_samples" USING btree ("tenant_id","instance_id","sampled_at");--> statement-breakpoint
CREATE INDEX "recovery_point_samples_sampled_idx" ON "recovery_point_samples" USING btree ("sampled_at");--> statement-breakpoint
CREATE POLICY "recovery_point_samples_tenant_isolation" ON "recovery_point_samples" AS PERMISSIVE FOR ALL TO "rewind_app" USING (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid);--> statement-breakpoint
-- recovery point samples: forced RLS; the app writes them at each catalog sync and deletes the
-- ones past the retention bound; the platform role reads the fleet's for the admin dashboard.
ALTER TABLE "recovery_point_samples" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "recovery_point_samples" TO rewind_app;--> statement-breakpoint
GRANT SELECT ON "recovery_point_samples" TO rewind_platform;
