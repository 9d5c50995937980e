import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { ResilientPool } from './resilient-pool';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** The handle a tenant-scoped transaction receives: same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * One pool per role: CONTROL_DATABASE_URL (rewind_app, RLS applies) for tenant paths,
 * CONTROL_DATABASE_PLATFORM_URL (rewind_platform, BYPASSRLS) only for platform-admin paths
 * and the pre-tenant auth lookups.
 */
export function createDb(
  url: string,
  options: { max?: number; applicationName?: string } = {},
): DbHandle {
  // ResilientPool: error listeners on every client + connect retried while PostgreSQL restarts
  const pool = new ResilientPool({
    label: options.applicationName ?? 'rewind',
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'rewind',
    connectionTimeoutMillis: 5_000,
  });
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}
