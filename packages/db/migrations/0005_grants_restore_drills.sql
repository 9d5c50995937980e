-- restore_drills (0004): forced RLS and the app role's grants. The drill workflow writes its
-- row in a tenant transaction and updates it once; nobody deletes drills (the row is history).
ALTER TABLE "restore_drills" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "restore_drills" TO rewind_app;
