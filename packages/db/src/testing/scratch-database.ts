import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { guardClient } from '../resilient-pool';
import { parseStackEnv, type StackEnv } from '@rewind/core';

export interface ScratchDatabase {
  name: string;
  ownerUrl: string;
  appUrl: string;
  platformUrl: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A throw-away database next to the stack's `rewind`, created by rewind_owner (needs
 * CREATEDB), so integration tests can migrate an empty database and mutate freely without
 * disturbing the stack the other tests and the web app use.
 */
export async function createScratchDatabase(
  env: StackEnv = parseStackEnv(process.env),
  prefix = 'rewind_scratch',
): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = guardClient(
    new pg.Client({ connectionString: env.CONTROL_DATABASE_OWNER_URL }),
    'scratch database',
  );
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '42501') {
      throw new Error(
        'rewind_owner cannot create databases: the test stack must grant it CREATEDB (alter role rewind_owner createdb)',
      );
    }
    throw err;
  } finally {
    await admin.end();
  }
  return {
    name,
    ownerUrl: withDatabase(env.CONTROL_DATABASE_OWNER_URL, name),
    appUrl: withDatabase(env.CONTROL_DATABASE_URL, name),
    platformUrl: withDatabase(env.CONTROL_DATABASE_PLATFORM_URL, name),
    async drop() {
      const c = guardClient(
        new pg.Client({ connectionString: env.CONTROL_DATABASE_OWNER_URL }),
        'scratch database',
      );
      await c.connect();
      try {
        // Backends of closed pools may still be exiting, and `drop ... with (force)` may not
        // terminate other roles' sessions (rewind_owner lacks pg_signal_backend): wait instead.
        for (let i = 0; i < 50; i++) {
          const { rows } = await c.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await c.query(`drop database if exists ${name}`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A raw client as one role, for tests that must see exactly what SQL does. */
export async function connect(url: string): Promise<pg.Client> {
  const client = guardClient(new pg.Client({ connectionString: url }), 'test client');
  await client.connect();
  return client;
}
