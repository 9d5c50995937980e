/**
 * Restore bench: a generated database (pgbench -i -s SCALE) plus WAL (pgbench writes until
 * WAL_MB of WAL exist past the backup), restored to the newest archived commit three ways on the
 * same data and target: Rewind end to end (restoreToPointInTime: plan, provision, pgbackrest
 * restore, start + recovery, integrity checks, open), raw `pgbackrest restore` + recovery, and
 * barman-cloud (barman-cloud-restore + recovery with barman-cloud-wal-restore). The source
 * archives its WAL with pgBackRest and barman-cloud-wal-archive both; barman's full backup is
 * taken right after pgBackRest's.
 *
 *   npx tsx bench/restore.ts [--scale 70] [--wal-mb 1024]
 *
 * Prints each phase's time and the ratios; never passes or fails on timings (a raw/barman copy
 * holding different data is an error). Needs the test stack and barman-cli-cloud.
 */
// first: the scratch control DB reads the stack env from process.env
import '../test-support/load-stack-env';
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createEngine, engineConfigFromEnv } from '@rewind/engine';
import { loadTestEnv, scratchPortRange } from '@rewind/engine/testing';
import { startDataPlaneHarness } from '../apps/worker/src/data-plane-harness';
import { syncCatalog } from '../apps/worker/src/testing/restore-fixture';
import { benchSource } from './src/bench-source';
import { arg, lsnBytes, run, table } from './src/bench-kit';
import { alsoArchiveToBarman, barmanRepo, waitArchived, type BarmanRepo } from './src/barman';
import { runRewindRestore } from './src/rewind-run';
import { runBarman, runRawPgBackRest } from './src/tool-runs';

const scale = arg('scale', 70);
const walMb = arg('wal-mb', 1024);
const h = await startDataPlaneHarness(loadTestEnv(), 'bench');
const engine = createEngine(engineConfigFromEnv(h.env));
const tenantId = h.db.tenant('globex');
const t0 = Date.now();
const secs = (ms: number) => Number((ms / 1000).toFixed(1));
let stanza = '';
let barman: BarmanRepo | undefined;
let sql: ((text: string) => Promise<string>) | undefined;
// raw + barman restores, the barman wrapper script; postgres-owned
const scratch = path.join(
  h.env.REWIND_DATA_DIR,
  'hosts',
  h.hostId,
  `bench-${randomBytes(3).toString('hex')}`,
);
try {
  await mkdir(scratch, { recursive: true });
  await run('chown', ['postgres:postgres', scratch]);
  const made = await benchSource(h, engine, tenantId, { context: 'restore bench' });
  const { source, pgbench } = made;
  stanza = source.id;
  const target = {
    socketDir: engine.paths(stanza).run,
    port: source.port!,
    database: source.databaseName,
  };
  const sourceSql = made.sql;
  sql = sourceSql;
  let t = Date.now();
  await pgbench(['-i', '-q', '-s', String(scale)]);
  const dbSize = await sourceSql(`SELECT pg_size_pretty(pg_database_size(current_database()))`);
  const generateS = secs(Date.now() - t);

  // from here on every segment goes to pgBackRest (both repos) and to barman
  barman = await barmanRepo(h.env, scratch);
  await alsoArchiveToBarman(sourceSql, barman);
  await waitArchived(sourceSql, 'first segment archived by both tools');
  t = Date.now();
  await engine.backup({ instanceId: stanza, type: 'full', repo: 1 });
  await engine.backup({ instanceId: stanza, type: 'full', repo: 2 });
  const backupS = secs(Date.now() - t);
  t = Date.now();
  const barmanBackup = 'bench-full';
  await barman.run(
    'backup',
    [
      '-h',
      target.socketDir,
      '-p',
      String(target.port),
      '--immediate-checkpoint',
      '-n',
      barmanBackup,
    ],
    'barman-cloud-backup',
  );
  const barmanBackupS = secs(Date.now() - t);

  t = Date.now();
  const startLsn = lsnBytes(await sourceSql('SELECT pg_current_wal_insert_lsn()'));
  while (
    lsnBytes(await sourceSql('SELECT pg_current_wal_insert_lsn()')) - startLsn <
    BigInt(walMb) * 1048576n
  )
    await pgbench(['-n', '-c', '2', '-T', '10']);
  await sourceSql('CREATE TABLE IF NOT EXISTS marks (at timestamptz)');
  const xid = await sourceSql('INSERT INTO marks VALUES (now()) RETURNING xmin');
  const [at, lsn] = (
    await sourceSql(
      `SELECT to_char(pg_xact_commit_timestamp('${xid}'::xid) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), pg_current_wal_insert_lsn()`,
    )
  ).split('|');
  const walS = secs(Date.now() - t);
  // barman-cloud-wal-archive is slower than archive-push: wait until both tools have it all
  t = Date.now();
  await waitArchived(sourceSql, 'WAL up to the newest commit archived by both tools');
  const drainS = secs(Date.now() - t);
  await engine.check({ instanceId: stanza });
  await syncCatalog(h.env, engine, h.db.app.db, source, { at: at!, lsn: lsn! });

  const rewind = await runRewindRestore(h, tenantId, source.id);
  const runInput = {
    engine,
    dir: scratch,
    stanza,
    database: source.databaseName,
    targetTime: rewind.targetTime,
    portRange: scratchPortRange(h.env),
  };
  const raw = await runRawPgBackRest(runInput);
  const bm = await runBarman(runInput, barman, barmanBackup);
  const rewindS = secs(rewind.totalMs);
  const rawS = Number((raw.restoreS + raw.recoveryS).toFixed(1));
  const barmanS = Number((bm.restoreS + bm.recoveryS).toFixed(1));

  console.log(
    `restore bench: scale ${scale} (${dbSize}), ${walMb} MB of WAL; generate ${generateS} s, backup both repos ${backupS} s, barman-cloud-backup ${barmanBackupS} s, WAL ${walS} s (+ ${drainS} s until both tools archived it); target ${rewind.targetTime}`,
  );
  table([
    ...Object.entries(rewind.phases).map(([phase, ms]) => ({
      run: 'rewind workflow',
      phase,
      seconds: secs(ms),
    })),
    { run: 'rewind workflow', phase: 'TOTAL (end to end)', seconds: rewindS },
    { run: 'raw pgbackrest', phase: 'restore', seconds: raw.restoreS },
    { run: 'raw pgbackrest', phase: 'start + recovery + promote', seconds: raw.recoveryS },
    { run: 'raw pgbackrest', phase: 'TOTAL', seconds: rawS },
    { run: 'barman-cloud', phase: 'barman-cloud-restore', seconds: bm.restoreS },
    {
      run: 'barman-cloud',
      phase: 'start + recovery (wal-restore) + promote',
      seconds: bm.recoveryS,
    },
    { run: 'barman-cloud', phase: 'TOTAL', seconds: barmanS },
  ]);
  console.log(
    `rewind status ${rewind.status}, ${rewind.checks.length} checks (${rewind.checks.filter((c) => c.ok).length} ok)`,
  );
  console.log(`raw pgbackrest copy: ${raw.fingerprint}; ${raw.stop}`);
  console.log(`barman copy:         ${bm.fingerprint}; ${bm.stop}`);
  console.log(`ratio rewind/raw end to end: ${(rewindS / rawS).toFixed(2)}`);
  console.log(
    `ratio rewind/barman end to end: ${(rewindS / barmanS).toFixed(2)} (barman-cloud 3.4 defaults: uncompressed, one wal-restore process per segment)`,
  );
  if (raw.fingerprint !== bm.fingerprint || raw.stop !== bm.stop)
    throw new Error(
      'the barman copy differs from the raw pgBackRest copy restored to the same target',
    );
} finally {
  if (sql)
    await sql('ALTER SYSTEM RESET archive_command; SELECT pg_reload_conf()').catch(() => undefined);
  if (stanza) {
    await engine.stanzaDelete({ instanceId: stanza }).catch(() => undefined);
    await engine.destroyInstance({ instanceId: stanza }).catch(() => undefined);
  }
  // after the source is gone: nothing archives into the prefix any more
  if (barman) {
    const repo = barman;
    await repo.removeObjects().then(
      (n) => console.log(`(removed ${n} objects under ${repo.url})`),
      (err: unknown) => console.error(`could not empty ${repo.url}: ${String(err)}`),
    );
  }
  await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  await h.close();
  console.log(`(bench wall time ${secs(Date.now() - t0)} s)`);
}
