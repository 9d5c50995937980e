import path from 'node:path';
import { rm } from 'node:fs/promises';
import type { EngineConfig } from '../../engine-config';
import { runAsPostgres } from '../../run-as-postgres';
import { pgBin, runSql, sqlIdentifier, sqlLiteral, type SqlTarget } from '../cluster';

type Db = SqlTarget & { database: string };

/**
 * `pg_dump -Fc -n staging` from the transient clone, then `pg_restore --single-transaction`
 * into the live instance as its owner role (`--role`, `--no-owner`: every object is the
 * tenant's, as if the tenant had created it). Only new objects are created and locked, so the
 * live instance stays writable throughout; a failure leaves nothing behind (one transaction).
 * Answers the rows of each copied table as the live instance now holds them.
 */
export async function copyStagedSchema(
  config: Pick<EngineConfig, 'pgBinDir'>,
  input: {
    clone: Db;
    live: Db;
    staging: string;
    owner: string;
    /** a directory the postgres OS user may write (the clone's own root) */
    workDir: string;
    tables: readonly string[];
  },
): Promise<Array<{ name: string; rows: number }>> {
  const exists = await runSql(
    config,
    input.live,
    `select 1 from pg_namespace where nspname = ${sqlLiteral(input.staging)}`,
    { context: 'looking for the restored schema in the live instance' },
  );
  if (exists)
    throw new Error(
      `schema ${input.staging} already exists in the live instance (an earlier restore of the same second?); drop or rename it first`,
    );
  const file = path.join(input.workDir, `${input.staging}.dump`);
  try {
    await runAsPostgres(
      pgBin(config, 'pg_dump'),
      [
        ...['-h', input.clone.socketDir, '-p', String(input.clone.port), '-U', 'postgres'],
        ...['-Fc', '-n', input.staging, '-f', file, '-d', input.clone.database],
      ],
      { context: `dumping ${input.staging} from the transient clone`, timeoutMs: 60 * 60_000 },
    );
    await runAsPostgres(
      pgBin(config, 'pg_restore'),
      [
        ...['-h', input.live.socketDir, '-p', String(input.live.port), '-U', 'postgres'],
        ...['--no-owner', '--no-privileges', `--role=${input.owner}`],
        ...['--single-transaction', '--exit-on-error', '-d', input.live.database, file],
      ],
      { context: `restoring ${input.staging} into the live instance`, timeoutMs: 60 * 60_000 },
    );
  } finally {
    await rm(file, { force: true });
  }
  const counts: Array<{ name: string; rows: number }> = [];
  for (const name of input.tables) {
    const table = name.slice(name.indexOf('.') + 1);
    const n = await runSql(
      config,
      input.live,
      `select count(*) from ${sqlIdentifier(input.staging)}.${sqlIdentifier(table)}`,
      { context: `counting ${input.staging}.${table} in the live instance` },
    );
    counts.push({ name, rows: Number(n) });
  }
  return counts;
}
