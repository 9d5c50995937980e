import type { EngineConfig } from '../engine-config';
import { runAsPostgres } from '../run-as-postgres';
import { pgBin, type SqlTarget } from './cluster';

/**
 * Integrity checks on a restored copy: the tools PostgreSQL ships, run as the `postgres` OS
 * user over the unix socket (peer auth).
 */

/** pg_amcheck on every database that accepts connections: heap and btree, amcheck installed where missing. */
export async function runAmcheck(
  config: Pick<EngineConfig, 'pgBinDir'>,
  target: SqlTarget,
  options: { label: string; timeoutMs?: number },
): Promise<{ ok: boolean; output: string }> {
  const r = await runAsPostgres(
    pgBin(config, 'pg_amcheck'),
    [
      '-h',
      target.socketDir,
      '-p',
      String(target.port),
      '-U',
      'postgres',
      '--all',
      '--install-missing',
      '--no-strict-names',
    ],
    {
      context: `running pg_amcheck on ${options.label}`,
      // 2 = corruption found: a finding, not a failure to run
      okExitCodes: [2],
      timeoutMs: options.timeoutMs ?? 30 * 60_000,
    },
  );
  return { ok: r.exitCode === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

/** pg_dump --schema-only of one database to /dev/null: proves every catalog entry still reads. */
export async function dumpSchema(
  config: Pick<EngineConfig, 'pgBinDir'>,
  target: SqlTarget & { database: string },
  options: { label: string },
): Promise<{ bytes: number }> {
  const r = await runAsPostgres(
    pgBin(config, 'pg_dump'),
    [
      '-h',
      target.socketDir,
      '-p',
      String(target.port),
      '-U',
      'postgres',
      '--schema-only',
      '-d',
      target.database,
    ],
    {
      context: `dumping the schema of ${target.database} in ${options.label}`,
      timeoutMs: 10 * 60_000,
    },
  );
  return { bytes: Buffer.byteLength(r.stdout) };
}
