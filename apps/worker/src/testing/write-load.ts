import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PLAN_CATALOGUE } from '@rewind/db/seed';
import {
  compareSegmentNames,
  lsnToSegment,
  pgBin,
  runAsPostgres,
  type Engine,
} from '@rewind/engine';

/**
 * A pgbench write load on a drill's source instance: every transaction inserts one row with its
 * commit-side clock and WAL position, so after a fault the drill can tell exactly which committed
 * rows archived WAL holds and which it lost.
 */
export interface WriteLoad {
  /**
   * Stops pgbench (its in-flight transaction is not committed, so it is not a row); `error` is
   * why pgbench ended on its own before, if it did (a client aborts on a failed commit).
   */
  stop(): Promise<{ error: string | null }>;
}

export interface LoadTarget {
  socketDir: string;
  port: number;
  database: string;
}

const TABLE = 'drill_load';

export async function startWriteLoad(
  engine: Engine,
  target: LoadTarget,
  options: { ratePerSecond?: number; clients?: number } = {},
): Promise<WriteLoad> {
  await engine.runSql(
    target,
    `create table if not exists ${TABLE} (id bigserial primary key, at timestamptz not null default clock_timestamp(), lsn pg_lsn not null default pg_current_wal_insert_lsn())`,
    { context: 'creating the drill load table' },
  );
  const dir = await mkdtemp(path.join(tmpdir(), 'rewind-drill-load-'));
  await chmod(dir, 0o755);
  const script = path.join(dir, 'insert.sql');
  await writeFile(script, `insert into ${TABLE} default values;\n`, { mode: 0o644 });
  const abort = new AbortController();
  const running = runAsPostgres(
    pgBin(engine.config, 'pgbench'),
    [
      '-n',
      '-c',
      String(options.clients ?? 2),
      '-j',
      '1',
      // frugal on a shared 2-core machine: enough commits that every second holds several
      '-R',
      String(options.ratePerSecond ?? 20),
      '-T',
      '3600',
      '-f',
      script,
      '-h',
      target.socketDir,
      '-p',
      String(target.port),
      '-U',
      'postgres',
      target.database,
    ],
    { context: 'running the drill pgbench write load', timeoutMs: 3_600_000, signal: abort.signal },
  ).then(
    (r) => r.stdout,
    (err: unknown) => (abort.signal.aborted ? '' : Promise.reject(err as Error)),
  );
  let failed: unknown;
  running.catch((err: unknown) => (failed = err));
  return {
    async stop() {
      abort.abort();
      await running.catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      return { error: failed === undefined ? null : String(failed) };
    },
  };
}

export interface LoadRow {
  id: number;
  at: Date;
  segment: string;
}

export async function loadRows(engine: Engine, target: LoadTarget): Promise<LoadRow[]> {
  const timeline = Number.parseInt(
    (
      await engine.runSql(target, 'select timeline_id from pg_control_checkpoint()', {
        context: 'reading the timeline',
      })
    ).trim(),
    10,
  );
  const out = await engine.runSql(
    target,
    `select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), lsn from ${TABLE} order by id`,
    { context: 'reading the drill load rows' },
  );
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, at, lsn] = line.split('|');
      return { id: Number(id), at: new Date(at!), segment: lsnToSegment(lsn!, timeline) };
    });
}

/**
 * The RPO promise: a committed row older than the bound is in archived WAL. The bound is the
 * instance's archive_timeout (WAL is switched at least that often) plus the time archive-push
 * needs to put a segment in both regions. A row counts as archived when its segment is at or
 * before the newest archived segment of the region (`pgbackrest info`'s max WAL).
 */
export const ARCHIVE_PUSH_ALLOWANCE_SECONDS = 30;
export const rpoBoundSeconds = (archiveTimeoutSeconds: number) =>
  archiveTimeoutSeconds + ARCHIVE_PUSH_ALLOWANCE_SECONDS;

/**
 * The drills' sources run the enterprise plan's archive_timeout, the tightest bound any plan
 * promises (10 s, so 40 s with the push allowance): a drill that keeps its load running for the
 * bound after the fault ends checks every row committed during the fault.
 */
export const DRILL_ARCHIVE_TIMEOUT_S = PLAN_CATALOGUE.find(
  (p) => p.id === 'enterprise',
)!.archiveTimeoutSeconds;
export const DRILL_RPO_BOUND_S = rpoBoundSeconds(DRILL_ARCHIVE_TIMEOUT_S);

export interface RpoVerdict {
  /** rows committed at or before `cutoff` */
  checked: number;
  /** per region: how many of them archived WAL does not hold */
  lostByRegion: Record<string, number>;
  cutoff: string;
  total: number;
}

export async function rowsLostBeyondRpo(
  engine: Engine,
  target: LoadTarget,
  stanza: string,
  regionNames: readonly [string, string],
  boundSeconds: number,
  /** the instance's clock minus the control plane's while the rows were written (their `at`) */
  clockSkewMs = 0,
): Promise<RpoVerdict> {
  // the cutoff is taken before the archive is read, so a segment archived meanwhile only helps
  // rows that are inside the bound anyway
  const cutoff = new Date(Date.now() - boundSeconds * 1000 + clockSkewMs);
  const rows = await loadRows(engine, target);
  const info = await engine.info({ instanceId: stanza });
  const lostByRegion: Record<string, number> = {};
  const old = rows.filter((r) => r.at <= cutoff);
  for (const repo of [1, 2] as const) {
    const walMax = info.repos.find((r) => r.repo === repo)?.archives[0]?.walMax ?? null;
    lostByRegion[regionNames[repo - 1]!] = old.filter(
      (r) => walMax === null || compareSegmentNames(r.segment, walMax) > 0,
    ).length;
  }
  return { checked: old.length, lostByRegion, cutoff: cutoff.toISOString(), total: rows.length };
}
