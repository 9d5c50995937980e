-- New tenant-owned tables of 0002: forced RLS and the app role's grants, next to their policies.
-- audit_exports is written by the worker inside a tenant transaction; rows are never changed.
ALTER TABLE "instance_region_status" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "geo_checks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_exports" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "instance_region_status", "geo_checks" TO rewind_app;--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_exports" TO rewind_app;
