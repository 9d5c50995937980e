CREATE TABLE "relation_names" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"db_oid" bigint NOT NULL,
	"database_name" text NOT NULL,
	"rel_oid" bigint NOT NULL,
	"relfilenode" bigint NOT NULL,
	"relkind" text NOT NULL,
	"schema_name" text,
	"table_name" text,
	"tablespace_oid" integer NOT NULL,
	"seen_from" timestamp with time zone NOT NULL,
	"seen_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "relation_names" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "relation_names" ADD CONSTRAINT "relation_names_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relation_names" ADD CONSTRAINT "relation_names_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relation_names_lookup_idx" ON "relation_names" USING btree ("tenant_id","instance_id","db_oid","relfilenode");--> statement-breakpoint
CREATE POLICY "relation_names_tenant_isolation" ON "relation_names" AS PERMISSIVE FOR ALL TO "rewind_app" USING (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid);--> statement-breakpoint
-- relation names: forced RLS; catalog sync (the app role, in the tenant) opens and closes rows
-- and wal-events reads them, so the app role needs no DELETE
ALTER TABLE "relation_names" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "relation_names" TO rewind_app;
