CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_open_email_idx" ON "invitations" USING btree ("tenant_id","email") WHERE accepted_at is null;--> statement-breakpoint
CREATE INDEX "invitations_tenant_idx" ON "invitations" USING btree ("tenant_id");--> statement-breakpoint
CREATE POLICY "users_end_sessions_self_or_member" ON "users" AS PERMISSIVE FOR UPDATE TO "rewind_app" USING (id = nullif(current_setting('rewind.user_id', true), '')::uuid or exists (select 1 from memberships m where m.user_id = users.id and m.tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid)) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "invitations_tenant_isolation" ON "invitations" AS PERMISSIVE FOR ALL TO "rewind_app" USING (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('rewind.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Forced RLS and the app role's grants (see 0001). Invitations are written by the inviting
-- tenant and accepted in its transaction. On users the app role may update one column only:
-- the session version, to end a removed member's sessions (users_end_sessions_self_or_member).
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "invitations" TO rewind_app;--> statement-breakpoint
GRANT UPDATE ("session_version") ON "users" TO rewind_app;
