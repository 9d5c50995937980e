import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { EngineConfig } from '../engine-config';
import { runAsPostgres } from '../run-as-postgres';

/** Low-level pg_ctl / psql on any data directory: instances and restore targets alike. */

export function pgBin(config: Pick<EngineConfig, 'pgBinDir'>, name: string): string {
  return path.join(config.pgBinDir, name);
}

export interface ClusterState {
  running: boolean;
  pid?: number;
}

/** Reads postmaster.pid (pure parser exported for tests): line 1 pid, line 4 port, line 5 socket dir. */
export function parsePostmasterPid(
  text: string,
): { pid: number; port: number; socketDir: string } | undefined {
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port, socketDir: lines[4] ?? '' };
}

export async function readPostmasterPid(pgdata: string) {
  try {
    return parsePostmasterPid(await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

export async function clusterState(
  config: Pick<EngineConfig, 'pgBinDir'>,
  pgdata: string,
): Promise<ClusterState> {
  // pg_ctl status: 0 running, 3 not running, 4 no usable data directory
  const r = await runAsPostgres(pgBin(config, 'pg_ctl'), ['status', '-D', pgdata], {
    context: `checking whether the cluster in ${pgdata} runs`,
    okExitCodes: [3, 4],
    timeoutMs: 15_000,
  });
  if (r.exitCode !== 0) return { running: false };
  const pid = await readPostmasterPid(pgdata);
  return pid ? { running: true, pid: pid.pid } : { running: true };
}

export interface StartClusterInput {
  pgdata: string;
  logFile: string;
  /** what for, in error messages */
  label: string;
  timeoutSeconds?: number;
}

/**
 * The server's environment for archive_command (see `archiveCommand`): pgbackrest on the PATH and
 * the instance's pgbackrest.conf, which sits beside its data directory (a replace restore's
 * swapped-in data directory thus archives with the instance's config, never the copy's).
 */
export function serverEnv(
  config: Pick<EngineConfig, 'pgbackrestBin'>,
  pgdata: string,
): Record<string, string> {
  return {
    PATH: `${path.dirname(config.pgbackrestBin)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    PGBACKREST_CONFIG: path.join(path.dirname(pgdata), 'pgbackrest.conf'),
  };
}

export async function startCluster(
  config: Pick<EngineConfig, 'pgBinDir' | 'pgbackrestBin'>,
  input: StartClusterInput,
): Promise<void> {
  if ((await clusterState(config, input.pgdata)).running) return;
  const timeout = input.timeoutSeconds ?? 120;
  await runAsPostgres(
    pgBin(config, 'pg_ctl'),
    ['start', '-D', input.pgdata, '-l', input.logFile, '-w', '-t', String(timeout)],
    {
      context: `starting PostgreSQL for ${input.label} (log: ${input.logFile})`,
      timeoutMs: (timeout + 15) * 1000,
      env: serverEnv(config, input.pgdata),
    },
  ).catch(async (err: unknown) => {
    // pg_ctl's own message is "could not start server"; the reason is in the server log
    const logTail = await readFile(input.logFile, 'utf8')
      .then((t) => t.split('\n').filter(Boolean).slice(-6).join('\n'))
      .catch(() => '');
    if (err instanceof Error && logTail) err.message += `\nserver log:\n${logTail}`;
    throw err;
  });
}

export async function stopCluster(
  config: Pick<EngineConfig, 'pgBinDir'>,
  input: { pgdata: string; label: string; mode?: 'fast' | 'immediate'; timeoutSeconds?: number },
): Promise<void> {
  if (!(await clusterState(config, input.pgdata)).running) return;
  const timeout = input.timeoutSeconds ?? 60;
  await runAsPostgres(
    pgBin(config, 'pg_ctl'),
    ['stop', '-D', input.pgdata, '-m', input.mode ?? 'fast', '-w', '-t', String(timeout)],
    { context: `stopping PostgreSQL for ${input.label}`, timeoutMs: (timeout + 15) * 1000 },
  );
}

export interface SqlTarget {
  socketDir: string;
  port: number;
  database?: string;
}

/**
 * Runs SQL as the `postgres` superuser over the unix socket (peer auth, so no password is
 * needed or exposed). SQL goes through stdin so literals such as passwords never reach `ps`.
 * Returns unaligned, tuples-only output.
 */
export async function runSql(
  config: Pick<EngineConfig, 'pgBinDir'>,
  target: SqlTarget,
  sql: string,
  options: { context: string; secrets?: readonly string[]; timeoutMs?: number },
): Promise<string> {
  const r = await runAsPostgres(
    pgBin(config, 'psql'),
    [
      '-X',
      '-v',
      'ON_ERROR_STOP=1',
      '-At',
      '-h',
      target.socketDir,
      '-p',
      String(target.port),
      '-U',
      'postgres',
      '-d',
      target.database ?? 'postgres',
    ],
    {
      context: options.context,
      input: sql,
      secrets: options.secrets,
      timeoutMs: options.timeoutMs ?? 60_000,
    },
  );
  return r.stdout.trim();
}

/** SQL string literal (standard_conforming_strings is on by default). */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlIdentifier(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Waits until recovery has ended (target reached and promoted); throws with the server log tail on timeout. */
export async function waitForPromotion(
  config: Pick<EngineConfig, 'pgBinDir'>,
  target: SqlTarget,
  options: { label: string; timeoutMs?: number; pollMs?: number },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let last = '';
  while (Date.now() < deadline) {
    try {
      last = await runSql(config, target, 'select pg_is_in_recovery()', {
        context: `checking recovery state of ${options.label}`,
        timeoutMs: 10_000,
      });
      if (last === 'f') return;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
  throw new Error(
    `while waiting for ${options.label} to finish recovery and promote: still not promoted (${last})`,
  );
}
