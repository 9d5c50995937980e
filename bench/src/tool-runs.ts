import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { runAsPostgres, type Engine } from '@rewind/engine';
import { run } from './bench-kit';
import { writeBarmanRecovery, type BarmanRepo } from './barman';
import { dataFingerprint, recoveryStop, scratchCluster } from './scratch-cluster';

/** One tool's restore outside Rewind: fetch (restore) and start + recovery + promote, timed apart. */
export interface ToolRun {
  restoreS: number;
  recoveryS: number;
  /** what the copy holds at the target: see dataFingerprint */
  fingerprint: string;
  /** where recovery stopped, from the server log */
  stop: string;
}

export interface ToolRunInput {
  engine: Engine;
  /** a postgres-owned scratch dir; this run works in `<dir>/<name>` */
  dir: string;
  /** stanza (pgBackRest) of the source instance */
  stanza: string;
  database: string;
  /** UTC, RFC 3339 with Z */
  targetTime: string;
  portRange: { min: number; max: number };
}

const secs = (ms: number) => Number((ms / 1000).toFixed(1));
/** `2026-11-22T13:04:59Z` → `2026-11-22 13:04:59+00` (what pgBackRest's --target and recovery_target_time take) */
const pgTime = (iso: string) => iso.replace('T', ' ').replace('Z', '+00');

async function timed(
  input: ToolRunInput,
  name: string,
  restore: (pgdata: string) => Promise<void>,
): Promise<ToolRun> {
  const work = path.join(input.dir, name);
  await mkdir(work);
  await run('chown', ['postgres:postgres', work]);
  const pgdata = path.join(work, 'pgdata');
  let t = Date.now();
  await restore(pgdata);
  const restoreS = secs(Date.now() - t);
  const logFile = path.join(work, 'pg.log');
  const cluster = await scratchCluster(
    input.engine,
    pgdata,
    logFile,
    input.portRange,
    `${name} restore`,
  );
  try {
    t = Date.now();
    await cluster.startAndPromote();
    const recoveryS = secs(Date.now() - t);
    const fingerprint = await dataFingerprint(input.engine, cluster.target, input.database);
    return { restoreS, recoveryS, fingerprint, stop: await recoveryStop(logFile) };
  } finally {
    await cluster.stop();
  }
}

/** raw `pgbackrest restore` from repo1 (region A) of the same backup set to the same target */
export function runRawPgBackRest(input: ToolRunInput): Promise<ToolRun> {
  return timed(input, 'raw', async (pgdata) => {
    await runAsPostgres(
      input.engine.config.pgbackrestBin,
      [
        `--config=${input.engine.paths(input.stanza).pgbackrestConf}`,
        `--stanza=${input.stanza}`,
        '--repo=1',
        `--pg1-path=${pgdata}`,
        '--type=time',
        `--target=${pgTime(input.targetTime)}`,
        '--target-action=promote',
        '--archive-mode=off',
        'restore',
      ],
      { context: 'raw pgbackrest restore', timeoutMs: 3_600_000 },
    );
  });
}

/** barman-cloud-restore of the named backup, then recovery with barman-cloud-wal-restore to the same target */
export function runBarman(
  input: ToolRunInput,
  repo: BarmanRepo,
  backupName: string,
): Promise<ToolRun> {
  return timed(input, 'barman', async (pgdata) => {
    await repo.run('restore', [backupName, pgdata], 'barman-cloud-restore');
    await writeBarmanRecovery(pgdata, repo, pgTime(input.targetTime));
  });
}
