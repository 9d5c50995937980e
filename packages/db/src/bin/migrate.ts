import { runMigrations } from '../migrate/run-migrations';

/** `tsx packages/db/src/bin/migrate.ts` with CONTROL_DATABASE_OWNER_URL set (the stack does this). */
const url = process.env.CONTROL_DATABASE_OWNER_URL;
if (!url) {
  console.error(
    'CONTROL_DATABASE_OWNER_URL is not set: migrations run as the schema owner (rewind_owner)',
  );
  process.exit(2);
}
try {
  const report = await runMigrations(url);
  if (report.applied.length === 0) {
    console.log(`migrations: up to date (${report.alreadyApplied} applied earlier)`);
  } else {
    for (const tag of report.applied) console.log(`migrations: applied ${tag}`);
    console.log(
      `migrations: ${report.applied.length} applied, ${report.alreadyApplied} were already applied`,
    );
  }
} catch (err) {
  console.error('migrations failed:', err instanceof Error ? err.message : err);
  process.exit(1);
}
