CREATE TABLE "restore_drills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"restore_id" uuid,
	"workflow_id" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"target" jsonb,
	"region" text,
	"checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"duration_seconds" integer,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "restore_drills_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
ALTER TABLE "restore_drills" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD CONSTRAINT "restore_drills_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD CONSTRAINT "restore_drills_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restore_drills" ADD CONSTRAINT "restore_drills_restore_id_restores_id_fk" FOREIGN KEY ("restore_id") REFERENCES "public"."restores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "restore_drills_instance_idx" ON "restore_drills" USING btree ("tenant_id","instance_id","started_at");--> statement-breakpoint
CREATE POLICY "restore_drills_tenant_isolation" ON "restore_drills" AS PERMISSIVE FOR ALL TO "rewind_app" USING (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid);