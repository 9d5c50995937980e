/**
 * Restore bench: a generated database (pgbench -i -s SCALE) plus WAL (pgbench writes until
 * WAL_MB of WAL exist past the backup), restored to the newest archived commit two ways on the
 * same backup and target: Rewind end to end (restoreToPointInTime: plan, provision, pgbackrest
 * restore, start + recovery, integrity checks, open) vs raw `pgbackrest restore` + recovery.
 *
 *   npx tsx bench/restore.ts [--scale 70] [--wal-mb 1024]
 *
 * Prints each phase's time and the ratio; never passes or fails on timings. Needs the test stack.
 */
// first: the scratch control DB reads the stack env from process.env
import '../test-support/load-stack-env';
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { inTenantTx, startRestoreDrill, getRestore } from '@rewind/db';
import { createEngine, engineConfigFromEnv, pgBin, runAsPostgres } from '@rewind/engine';
import { loadTestEnv } from '@rewind/engine/testing';
import { restoreToPointInTime } from '@rewind/workflows';
import { restoreProgressQuery } from '@rewind/workflows/messages';
import { workflowIds } from '@rewind/workflows/ids';
import { startDataPlaneHarness } from '../apps/worker/src/data-plane-harness';
import { provisionSource, syncCatalog } from '../apps/worker/src/testing/restore-fixture';
import { arg, lsnBytes, run, sleep, table } from './src/bench-kit';

const scale = arg('scale', 70);
const walMb = arg('wal-mb', 1024);
const h = await startDataPlaneHarness(loadTestEnv(), 'bench');
const engine = createEngine(engineConfigFromEnv(h.env));
const tenantId = h.db.tenant('globex');
const t0 = Date.now();
const secs = (ms: number) => Number((ms / 1000).toFixed(1));
let stanza = '';
const rawDir = path.join(h.env.REWIND_DATA_DIR, 'hosts', h.hostId, `raw-${randomBytes(3).toString('hex')}`);
try {
  const source = await provisionSource(h.env, engine, h.db.app.db, tenantId, `bench-${randomBytes(2).toString('hex')}`);
  stanza = source.id;
  const target = { socketDir: engine.paths(stanza).run, port: source.port!, database: source.databaseName };
  const sql = (text: string) => engine.runSql(target, text, { context: 'restore bench', timeoutMs: 3_600_000 });
  const pgbench = (args: string[]) =>
    run(path.join(h.env.PG_BIN_DIR, 'pgbench'), ['-h', target.socketDir, '-p', String(target.port), ...args, target.database], { asPostgres: true });
  let t = Date.now();
  await pgbench(['-i', '-q', '-s', String(scale)]);
  const dbSize = await sql(`SELECT pg_size_pretty(pg_database_size(current_database()))`);
  const generateS = secs(Date.now() - t);
  t = Date.now();
  await engine.backup({ instanceId: stanza, type: 'full', repo: 1 });
  await engine.backup({ instanceId: stanza, type: 'full', repo: 2 });
  const backupS = secs(Date.now() - t);
  t = Date.now();
  const startLsn = lsnBytes(await sql('SELECT pg_current_wal_insert_lsn()'));
  while (lsnBytes(await sql('SELECT pg_current_wal_insert_lsn()')) - startLsn < BigInt(walMb) * 1048576n)
    await pgbench(['-n', '-c', '2', '-T', '10']);
  await sql('CREATE TABLE IF NOT EXISTS marks (at timestamptz)');
  const xid = await sql('INSERT INTO marks VALUES (now()) RETURNING xmin');
  const [at, lsn] = (
    await sql(`SELECT to_char(pg_xact_commit_timestamp('${xid}'::xid) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), pg_current_wal_insert_lsn()`)
  ).split('|');
  await engine.check({ instanceId: stanza });
  await syncCatalog(h.env, engine, h.db.app.db, source, { at: at!, lsn: lsn! });
  const walS = secs(Date.now() - t);

  // Rewind: the restore workflow, to the newest archived commit (second), phases from its query
  const restoreId = crypto.randomUUID();
  const restoreWorkflowId = workflowIds.restore(tenantId, source.id, restoreId);
  const started = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
    startRestoreDrill(tx, {
      tenantId, instanceId: source.id, workflowId: `bench-${restoreId}`, trigger: 'manual', regions: [h.env.REGION_A_NAME, h.env.REGION_B_NAME], restoreId, restoreWorkflowId,
    }),
  );
  if (!started.restoreId) throw new Error(`the restore could not be planned: ${started.error}`);
  const restoreRow = await inTenantTx(h.db.app.db, { tenantId }, (tx) => getRestore(tx, tenantId, restoreId));
  const targetTime = (restoreRow.target as { time: string }).time;
  t = Date.now();
  const handle = await h.client.workflow.start(restoreToPointInTime, {
    taskQueue: h.controlPlaneQueue,
    workflowId: restoreWorkflowId,
    args: [{ tenantId, instanceId: source.id, restoreId, requestedBy: null, mode: 'clone', needsApproval: false, hostId: h.hostId, controlPlaneQueue: h.controlPlaneQueue, cloneTtlSeconds: 1 }],
  });
  const phases: Record<string, number> = {};
  let last = 'validating';
  let lastAt = t;
  for (;;) {
    const view = await handle.query(restoreProgressQuery).catch(() => null);
    if (view && view.phase !== last) {
      phases[last] = (phases[last] ?? 0) + Date.now() - lastAt;
      last = view.phase;
      lastAt = Date.now();
    }
    if (view?.status === 'succeeded' || view?.status === 'failed') break;
    await sleep(250);
  }
  phases[last] = (phases[last] ?? 0) + Date.now() - lastAt;
  const rewindS = secs(Date.now() - t);
  const row = await inTenantTx(h.db.app.db, { tenantId }, (tx) => getRestore(tx, tenantId, restoreId));
  await handle.result();

  // raw: pgbackrest restore from repo1 + start + wait for promotion, same backup set and target
  await mkdir(rawDir, { recursive: true });
  await run('chown', ['postgres:postgres', rawDir]);
  t = Date.now();
  const pgdata = path.join(rawDir, 'pgdata');
  await runAsPostgres(h.env.PGBACKREST_BIN, [
    `--config=${engine.paths(stanza).pgbackrestConf}`, `--stanza=${stanza}`, '--repo=1', `--pg1-path=${pgdata}`,
    '--type=time', `--target=${targetTime.replace('T', ' ').replace('Z', '+00')}`, '--target-action=promote', '--archive-mode=off', 'restore',
  ], { context: 'raw pgbackrest restore', timeoutMs: 3_600_000 });
  const rawRestoreS = secs(Date.now() - t);
  const t2 = Date.now();
  const rawPort = h.env.INSTANCE_PORT_MAX;
  const rawSock = path.join('/tmp', `rwb-${randomBytes(3).toString('hex')}`);
  await mkdir(rawSock);
  await run('chown', ['postgres:postgres', rawSock]);
  await runAsPostgres(pgBin(engine.config, 'pg_ctl'), ['start', '-D', pgdata, '-l', path.join(rawDir, 'pg.log'), '-w', '-t', '3600', '-o', `-p ${rawPort} -k ${rawSock} -c listen_addresses=''`], { context: 'raw start', timeoutMs: 3_700_000 });
  await engine.waitForPromotion({ socketDir: rawSock, port: rawPort, database: 'postgres' }, { label: 'raw restore', timeoutMs: 3_600_000, pollMs: 200 });
  const rawRecoveryS = secs(Date.now() - t2);
  await runAsPostgres(pgBin(engine.config, 'pg_ctl'), ['stop', '-D', pgdata, '-m', 'immediate', '-w'], { context: 'raw stop' });
  await rm(rawSock, { recursive: true, force: true });
  const rawS = Number((rawRestoreS + rawRecoveryS).toFixed(1));

  console.log(`restore bench: scale ${scale} (${dbSize}), ${walMb} MB of WAL; generate ${generateS} s, backup both repos ${backupS} s, WAL ${walS} s; target ${targetTime}`);
  table([
    ...Object.entries(phases).map(([phase, ms]) => ({ run: 'rewind workflow', phase, seconds: secs(ms) })),
    { run: 'rewind workflow', phase: 'TOTAL (end to end)', seconds: rewindS },
    { run: 'raw pgbackrest', phase: 'restore', seconds: rawRestoreS },
    { run: 'raw pgbackrest', phase: 'start + recovery + promote', seconds: rawRecoveryS },
    { run: 'raw pgbackrest', phase: 'TOTAL', seconds: rawS },
  ]);
  console.log(`rewind status ${row.status}, ${row.checks.length} checks (${row.checks.filter((c) => c.ok).length} ok)`);
  console.log(`ratio rewind/raw end to end: ${(rewindS / rawS).toFixed(2)}`);
  console.log('barman: not measured (barman-cli-cloud is not installed; restoring needs a barman-cloud-backup of the same data, and the bench is capped at a few minutes)');
} finally {
  await rm(rawDir, { recursive: true, force: true }).catch(() => undefined);
  if (stanza) {
    await engine.stanzaDelete({ instanceId: stanza }).catch(() => undefined);
    await engine.destroyInstance({ instanceId: stanza }).catch(() => undefined);
  }
  await h.close();
  console.log(`(bench wall time ${secs(Date.now() - t0)} s)`);
}
