import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { guardClient } from '../resilient-pool';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

function readJournal(): JournalEntry[] {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

export interface MigrationReport {
  /** tags applied by this run, in order (empty when the database was up to date) */
  applied: string[];
  /** how many were already applied before this run */
  alreadyApplied: number;
}

/**
 * Applies pending migrations as the schema owner (CONTROL_DATABASE_OWNER_URL). drizzle's
 * migrator runs them in one transaction and skips those already recorded in
 * drizzle.__drizzle_migrations, so running it twice is a no-op. It decides by the journal's
 * `when` timestamp, which is why generated migrations must never be renumbered by hand.
 */
export async function runMigrations(ownerUrl: string): Promise<MigrationReport> {
  const client = guardClient(
    new pg.Client({ connectionString: ownerUrl, application_name: 'rewind-migrate' }),
    'migrations',
  );
  await client.connect();
  try {
    const lastApplied = await lastAppliedMillis(client);
    const entries = readJournal();
    const pending = entries.filter((e) => lastApplied === null || lastApplied < e.when);
    await migrate(drizzle(client), { migrationsFolder });
    return { applied: pending.map((e) => e.tag), alreadyApplied: entries.length - pending.length };
  } finally {
    await client.end();
  }
}

async function lastAppliedMillis(client: pg.Client): Promise<number | null> {
  const exists = await client.query<{ t: string | null }>(
    `select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  );
  if (!exists.rows[0]?.t) return null;
  const last = await client.query<{ created_at: string | null }>(
    'select max(created_at)::text as created_at from drizzle.__drizzle_migrations',
  );
  const value = last.rows[0]?.created_at;
  return value == null ? null : Number(value);
}
