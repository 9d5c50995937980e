-- Custom migration: what drizzle-kit cannot express from the schema files.
--
-- 1. FORCE ROW LEVEL SECURITY: without it the table owner (rewind_owner) silently bypasses
--    every policy. Forced, the owner sees no tenant rows at all (no policy names it), so the
--    only ways to the data are rewind_app (one tenant per transaction) and rewind_platform
--    (BYPASSRLS, explicit platform paths). Referential integrity checks still bypass RLS.
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_tokens" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "instances" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "backups" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "wal_ranges" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "restores" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "approvals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "validation_queries" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- 2. Grants. rewind_app gets exactly what the tenant paths need; the policies then narrow
--    every grant to the tenant of the transaction.
--    Tenants are created by the platform, so the app may read and update its own tenant
--    (retention, approval policy) but not create or delete one. People are global: the app
--    reads those the users policy shows it. login_attempts is platform-only.
GRANT SELECT ON "plans", "hosts" TO rewind_app;--> statement-breakpoint
GRANT SELECT, UPDATE ON "tenants" TO rewind_app;--> statement-breakpoint
GRANT SELECT ON "users" TO rewind_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  "memberships", "api_tokens", "instances", "backups", "wal_ranges",
  "restores", "approvals", "validation_queries"
  TO rewind_app;--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_events" TO rewind_app;--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO rewind_app;--> statement-breakpoint
GRANT ALL ON ALL TABLES IN SCHEMA public TO rewind_platform;--> statement-breakpoint
GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO rewind_platform;--> statement-breakpoint

-- Future objects created by the owner (later migrations). The platform role gets everything;
-- the app role gets sequences only: a new table must be granted to rewind_app explicitly in
-- its migration, next to its RLS policy, so that no table reaches the tenant paths unreviewed.
ALTER DEFAULT PRIVILEGES FOR ROLE rewind_owner IN SCHEMA public GRANT ALL ON TABLES TO rewind_platform;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES FOR ROLE rewind_owner IN SCHEMA public GRANT ALL ON SEQUENCES TO rewind_platform;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES FOR ROLE rewind_owner IN SCHEMA public GRANT USAGE ON SEQUENCES TO rewind_app;--> statement-breakpoint

-- 3. The audit trail is append-only for every role, the owner included. Statement-level
--    triggers fire even when RLS hides every row from the statement, so an UPDATE or DELETE
--    is refused loudly instead of "succeeding" on zero rows. Only disabling the trigger
--    (ALTER TABLE, i.e. the owner) gets around it, and the hash chain then shows the damage.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on audit_events is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'audit events can only be inserted; corrections are new events';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
