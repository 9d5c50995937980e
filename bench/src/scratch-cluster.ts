import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pgBin, runAsPostgres, type Engine, type SqlTarget } from '@rewind/engine';
import { freePortSlice } from '@rewind/engine/testing';
import { run } from './bench-kit';

/**
 * A restored data directory (raw pgBackRest or barman) started outside Rewind: unix socket only
 * (listen_addresses ''), in its own short socket dir under /tmp, on a port nothing listens on.
 */
export interface ScratchCluster {
  target: SqlTarget;
  /** pg_ctl start, then wait until recovery reached the target and promoted */
  startAndPromote(): Promise<void>;
  /** stops it if it runs and removes the socket dir; safe to call more than once (finally) */
  stop(): Promise<void>;
}

export async function scratchCluster(
  engine: Engine,
  pgdata: string,
  logFile: string,
  portRange: { min: number; max: number },
  label: string,
): Promise<ScratchCluster> {
  const port = await freePortSlice(portRange.min, portRange.max, 1);
  const socketDir = path.join('/tmp', `rwb-${randomBytes(3).toString('hex')}`);
  await mkdir(socketDir);
  await run('chown', ['postgres:postgres', socketDir]);
  const pgCtl = pgBin(engine.config, 'pg_ctl');
  const target = { socketDir, port, database: 'postgres' };
  return {
    target,
    async startAndPromote() {
      const opts = `-p ${port} -k ${socketDir} -c listen_addresses=''`;
      await runAsPostgres(
        pgCtl,
        ['start', '-D', pgdata, '-l', logFile, '-w', '-t', '3600', '-o', opts],
        {
          context: `${label} start (log: ${logFile})`,
          timeoutMs: 3_700_000,
        },
      );
      await engine.waitForPromotion(target, { label, timeoutMs: 3_600_000, pollMs: 200 });
    },
    async stop() {
      const running = await access(path.join(pgdata, 'postmaster.pid')).then(
        () => true,
        () => false,
      );
      if (running)
        await runAsPostgres(pgCtl, ['stop', '-D', pgdata, '-m', 'immediate', '-w'], {
          context: `${label} stop`,
        }).catch((err: unknown) => console.error(`${label}: could not stop: ${String(err)}`));
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}

/**
 * What the restored copy holds, to compare copies restored to the same target by different
 * tools: pgbench_accounts rows and balance sum, pgbench_history rows (grows with every pgbench
 * transaction, so it pins the stop point), marks rows ("absent" if the table is not there).
 */
export async function dataFingerprint(
  engine: Engine,
  target: SqlTarget,
  database: string,
): Promise<string> {
  const sql = (text: string) =>
    engine.runSql({ ...target, database }, text, {
      context: 'bench data fingerprint',
      timeoutMs: 600_000,
    });
  const main = await sql(
    'SELECT (SELECT count(*) FROM pgbench_accounts), (SELECT sum(abalance) FROM pgbench_accounts), (SELECT count(*) FROM pgbench_history)',
  );
  const [accounts, balance, history] = main.split('|');
  const hasMarks = (await sql("SELECT to_regclass('public.marks') IS NOT NULL")) === 't';
  const marks = hasMarks ? `${await sql('SELECT count(*) FROM marks')} rows` : 'absent';
  return `pgbench_accounts ${accounts} rows (abalance sum ${balance}), pgbench_history ${history} rows, marks ${marks}`;
}

/** The server log's "recovery stopping before commit of transaction …, time …" line, without its prefix. */
export async function recoveryStop(logFile: string): Promise<string> {
  const log = await readFile(logFile, 'utf8').catch(() => '');
  return (
    /recovery stopping [^\n]*/.exec(log)?.[0] ?? 'no "recovery stopping" line in the server log'
  );
}
