import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { createActivities } from '@rewind/activities';
import { AppError, httpStatusFor } from '@rewind/core';
import {
  createDb,
  getRestore,
  inTenantTx,
  instances,
  preflightRestore,
  requestRestore,
  type InstanceRecord,
  type RestoreRequestBody,
} from '@rewind/db';
import { findRows, updateRows } from '@rewind/db/testing';
import { seedDemo } from '@rewind/db/seed';
import { createPlatformDb } from '@rewind/db';
import { createEngine, engineConfigFromEnv, hostDir } from '@rewind/engine';
import { loadTestEnv } from '@rewind/engine/testing';
import { restoreToPointInTime } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { extendCloneUpdate, restoreProgressQuery } from '@rewind/workflows/messages';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActivityDeps } from './build-deps';
import { bundleWorkflows, createWorkers, waitUntilRunning } from './create-workers';
import { provisionSource, syncCatalog } from './testing/restore-fixture';

const env = loadTestEnv();
const engine = createEngine(engineConfigFromEnv(env));
const nonce = randomBytes(4).toString('hex');
const hostTaskQueue = `it-pitr-host-${nonce}`;
const controlPlaneQueue = `it-pitr-cp-${nonce}`;
const app = createDb(env.CONTROL_DATABASE_URL, { applicationName: 'rewind-pitr-test' });
const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
  max: 2,
  applicationName: 'rewind-pitr-test',
});
const regions = [env.REGION_A_NAME, env.REGION_B_NAME];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

let tenantId: string;
let otherTenantId: string;
let ownerId: string;
let source: InstanceRecord;
let client: Client;
let stopWorkers: () => Promise<void>;
let closeDeps: () => Promise<void>;
let clientConnection: Connection;
let workerConnection: NativeConnection;

// what the source committed, in order
const c: Record<string, { xid: string; at: string; lsnAfter: string }> = {};
let deletedAt = '';

async function commit(note: string): Promise<void> {
  const row = await engine.runSql(
    {
      socketDir: engine.paths(source.stanza).run,
      port: source.port!,
      database: source.databaseName,
    },
    `insert into orders(note) values ('${note}') returning xmin::text;`,
    { context: `inserting ${note}` },
  );
  const [at, lsnAfter] = (
    await engine.runSql(
      {
        socketDir: engine.paths(source.stanza).run,
        port: source.port!,
        database: source.databaseName,
      },
      `select to_char(pg_xact_commit_timestamp('${row}'::xid) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), pg_current_wal_insert_lsn();`,
      { context: 'reading commit time' },
    )
  ).split('|');
  c[note] = { xid: row.split('\n')[0]!, at: at!, lsnAfter: lsnAfter! };
}

const onSource = (text: string) =>
  engine.runSql(
    {
      socketDir: engine.paths(source.stanza).run,
      port: source.port!,
      database: source.databaseName,
    },
    text,
    {
      context: 'pitr test workload',
    },
  );

async function instanceRows(): Promise<string[]> {
  const rows = await findRows(platform.db, instances, { tenantId });
  return rows.map((r) => r.id).sort();
}

async function hostEntries(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (
    await readdir(`${hostDir(env.REWIND_DATA_DIR, env.REWIND_HOST_ID)}/instances`).catch(() => [])
  ).sort();
}

/** Requests like POST …/restores does, runs the workflow on this test's queues, waits for the clone. */
async function restore(body: RestoreRequestBody) {
  const r = await inTenantTx(app.db, { tenantId }, (tx) =>
    requestRestore(tx, {
      tenantId,
      instanceId: source.id,
      requestedBy: ownerId,
      actor: { type: 'user', id: ownerId },
      body,
      regions,
      workflowIdFor: (id) => workflowIds.restore(tenantId, source.id, id),
    }),
  );
  const handle = await client.workflow.start(restoreToPointInTime, {
    taskQueue: controlPlaneQueue,
    workflowId: r.workflowId,
    args: [
      {
        tenantId,
        instanceId: source.id,
        restoreId: r.id,
        requestedBy: ownerId,
        mode: 'clone',
        needsApproval: r.needsApproval,
        hostId: env.REWIND_HOST_ID,
        hostTaskQueue,
        controlPlaneQueue,
      },
    ],
    workflowExecutionTimeout: '30 minutes',
  });
  for (;;) {
    const row = await inTenantTx(app.db, { tenantId }, (tx) => getRestore(tx, tenantId, r.id));
    if (row.status === 'succeeded') break;
    if (row.status !== 'running' && row.status !== 'pending_approval')
      throw new Error(
        `restore ${row.status} in ${row.phase}: ${row.error} ${JSON.stringify(row.checks)}`,
      );
    await sleep(500);
  }
  const row = await inTenantTx(app.db, { tenantId }, (tx) => getRestore(tx, tenantId, r.id));
  const view = await handle.query(restoreProgressQuery);
  const clone = await findRows(platform.db, instances, { id: row.resultInstanceId! });
  const notes = (
    await engine.runSql(
      {
        socketDir: engine.paths(row.resultInstanceId!).run,
        port: clone[0]!.port!,
        database: source.databaseName,
      },
      'select note from orders order by id',
      { context: 'reading the restored copy' },
    )
  )
    .split('\n')
    .filter(Boolean);
  // drop the clone now: its durable timer would otherwise wait 24 h
  await handle.executeUpdate(extendCloneUpdate, {
    args: [{ expiresAt: new Date().toISOString(), byUserId: ownerId }],
  });
  await handle.result();
  expect(await exists(engine.paths(row.resultInstanceId!).root)).toBe(false);
  const after = await findRows(platform.db, instances, { id: row.resultInstanceId! });
  expect(after[0]!.status).toBe('deleted');
  return { row, view, notes, clone: clone[0]! };
}

beforeAll(async () => {
  const demo = await seedDemo(platform.db);
  tenantId = demo.tenants.find((t) => t.slug === 'acme')!.id;
  otherTenantId = demo.tenants.find((t) => t.slug === 'globex')!.id;
  ownerId = demo.users.find((u) => u.tenant === 'acme' && u.role === 'owner')!.id;

  Runtime.install({ logger: new DefaultLogger('WARN') });
  workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const built = buildActivityDeps(env, { hostId: `it-pitr-${nonce}` });
  closeDeps = built.close;
  const activities = createActivities(built.deps);
  const { controlPlane, host } = await createWorkers({
    connection: workerConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    hostId: `it-pitr-${nonce}`,
    activities,
    workflowBundle: await bundleWorkflows(),
    controlPlaneQueue,
    hostTaskQueue,
  });
  const running = Promise.all([controlPlane.run(), host.run()]);
  await waitUntilRunning([controlPlane, host]);
  stopWorkers = async () => {
    controlPlane.shutdown();
    host.shutdown();
    await running;
  };
  clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });

  // phase: source with a workload across WAL segments and a backup boundary
  source = await provisionSource(env, engine, app.db, tenantId, `pitr-${nonce}`);
  await onSource('create table orders (id serial primary key, note text not null)');
  await engine.backupBothRepos({ instanceId: source.stanza, type: 'full' });
  await sleep(1100); // pgBackRest serves only targets after the backup's stop second
  await commit('r1');
  await onSource('select pg_switch_wal()');
  await commit('r2');
  const rpMidLsn = (await onSource("select pg_create_restore_point('rp-mid')")).trim();
  await commit('r3');
  await onSource('select pg_switch_wal()');
  await engine.backupBothRepos({ instanceId: source.stanza, type: 'incr' });
  await sleep(1100);
  await commit('r4');
  await onSource('select pg_switch_wal()');
  await commit('r5');
  await sleep(1100);
  await onSource('delete from orders');
  deletedAt = (
    await onSource(
      `select to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from pg_last_committed_xact()`,
    )
  ).trim();
  await sleep(1100);
  await commit('tail'); // recovery to a time stops only at a later commit
  await engine.check({ instanceId: source.stanza }); // switches WAL, waits until both regions hold it
  await syncCatalog(env, engine, app.db, source, {
    at: c.tail!.at,
    lsn: c.tail!.lsnAfter,
    xid: c.tail!.xid,
    points: [{ name: 'rp-mid', lsn: rpMidLsn }],
  });
}, 240_000);

afterAll(async () => {
  await stopWorkers?.();
  await clientConnection?.close();
  await workerConnection?.close();
  await closeDeps?.();
  if (source) {
    await engine
      .stanzaDelete({ instanceId: source.stanza })
      .catch((e: unknown) => console.warn(String(e)));
    await engine.destroyInstance({ instanceId: source.stanza });
    await updateRows(platform.db, instances, { id: source.id }, { status: 'deleted' });
  }
  await app.close();
  await platform.close();
}, 120_000);

describe('restoreToPointInTime: exactness', () => {
  it('time, inclusive: exactly the rows committed at or before the target, verified (region A)', async () => {
    const r = await restore({ target: { time: c.r2!.at }, region: env.REGION_A_NAME });
    expect(r.notes).toEqual(['r1', 'r2']);
    expect(r.row.region).toBe(env.REGION_A_NAME);
    expect(r.row.checks.map((x) => [x.name, x.ok])).toEqual([
      ['recovery_target', true],
      ['amcheck', true],
      ['schema_dump', true],
    ]);
    expect(r.view).toMatchObject({ status: 'succeeded', phase: 'done', percent: 100 });
    expect(r.clone).toMatchObject({ kind: 'clone', sourceInstanceId: source.id });
  });

  // Ten targets (time, LSN, xid, name, latest; inclusive and exclusive; both sides of the incr
  // backup, three WAL segments), each restored from each region: exactly the rows committed at or
  // before (or strictly before) the target, never one after it.
  const matrix = (): { label: string; target: RestoreRequestBody['target']; rows: string[] }[] => [
    {
      label: 'time r1, exclusive (just after the full backup)',
      target: { time: c.r1!.at, inclusive: false },
      rows: [],
    },
    { label: 'time r2, exclusive', target: { time: c.r2!.at, inclusive: false }, rows: ['r1'] },
    { label: 'restore point rp-mid', target: { name: 'rp-mid' }, rows: ['r1', 'r2'] },
    { label: 'xid r3, inclusive', target: { xid: c.r3!.xid }, rows: ['r1', 'r2', 'r3'] },
    {
      label: 'xid r3, exclusive',
      target: { xid: c.r3!.xid, inclusive: false },
      rows: ['r1', 'r2'],
    },
    {
      label: 'time r4, inclusive (after the incr backup)',
      target: { time: c.r4!.at },
      rows: ['r1', 'r2', 'r3', 'r4'],
    },
    { label: 'LSN after r4', target: { lsn: c.r4!.lsnAfter }, rows: ['r1', 'r2', 'r3', 'r4'] },
    {
      label: 'time r5, exclusive',
      target: { time: c.r5!.at, inclusive: false },
      rows: ['r1', 'r2', 'r3', 'r4'],
    },
    {
      label: 'the classic: DELETE at T, target T − 1 s',
      target: { time: new Date(Date.parse(deletedAt) - 1000).toISOString() },
      rows: ['r1', 'r2', 'r3', 'r4', 'r5'],
    },
    { label: 'latest', target: 'latest', rows: ['tail'] },
  ];

  it(
    'ten targets, each from region A and from region B: exactly the rows up to the target',
    async () => {
      const cases = matrix().flatMap((m) =>
        [env.REGION_A_NAME, env.REGION_B_NAME].map((region) => ({ ...m, region })),
      );
      expect(cases).toHaveLength(20);
      const results: { label: string; region: string; rows: string[]; servedBy: string | null }[] =
        [];
      // two at a time: one restore mostly waits on pgbackrest and PostgreSQL, the host has 2 cores
      const queue = [...cases];
      await Promise.all(
        [0, 1].map(async () => {
          for (let k = queue.shift(); k; k = queue.shift()) {
            const r = await restore({ target: k.target, region: k.region });
            results.push({
              label: k.label,
              region: k.region,
              rows: r.notes,
              servedBy: r.row.region,
            });
          }
        }),
      );
      const key = (x: { label: string; region: string }) => `${x.region} · ${x.label}`;
      const got = Object.fromEntries(
        results.map((x) => [key(x), { rows: x.rows, servedBy: x.servedBy }]),
      );
      expect(got).toEqual(
        Object.fromEntries(cases.map((x) => [key(x), { rows: x.rows, servedBy: x.region }])),
      );
    },
    20 * 60_000,
  );
});

describe('bad targets: a clear 4xx and nothing provisioned', () => {
  it('refuses eleven bad requests (naive, future, before and after the window, malformed time/LSN/xid, unknown field/mode/region, another tenant)', async () => {
    const beforeRows = await instanceRows();
    const beforeDirs = await hostEntries();
    const attempt = async (body: RestoreRequestBody, asTenant = tenantId) => {
      try {
        await inTenantTx(app.db, { tenantId: asTenant }, (tx) =>
          requestRestore(tx, {
            tenantId: asTenant,
            instanceId: source.id,
            requestedBy: ownerId,
            actor: { type: 'user', id: ownerId },
            body,
            regions,
            workflowIdFor: (id) => workflowIds.restore(asTenant, source.id, id),
          }),
        );
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        const e = err as AppError;
        return { status: httpStatusFor(e.code), code: e.code, message: e.message };
      }
      throw new Error('accepted a bad target');
    };
    expect(await attempt({ target: { time: '2026-11-22T14:05:00' } })).toMatchObject({
      status: 422,
      code: 'target_naive',
      message: expect.stringMatching(/no UTC offset/),
    });
    expect(
      await attempt({ target: { time: new Date(Date.now() + 3_600_000).toISOString() } }),
    ).toMatchObject({
      status: 422,
      code: 'target_in_future',
    });
    expect(await attempt({ target: { time: '2020-01-01T00:00:00Z' } })).toMatchObject({
      status: 422,
      code: 'target_before_window',
      message: expect.stringMatching(/earliest restorable second is/),
    });
    expect(await attempt({ target: { lsn: 'zz/12' } })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/not a valid LSN/),
    });
    expect(await attempt({ target: { time: c.r2!.at, when: 'now' } as never })).toMatchObject({
      status: 400,
    });
    // after the newest archived commit (the source is idle since its tail commit)
    expect(
      await attempt({ target: { time: new Date(Date.now() - 1000).toISOString() } }),
    ).toMatchObject({
      status: 422,
      code: 'target_after_window',
      message: expect.stringMatching(/latest restorable second is/),
    });
    expect(await attempt({ target: { time: 'yesterday at noon' } })).toMatchObject({ status: 400 });
    expect(await attempt({ target: { xid: 'abc' } })).toMatchObject({ status: 400 });
    expect(await attempt({ target: { time: c.r2!.at }, region: 'mars' })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/unknown region "mars"; this instance is backed up to/),
    });
    expect(await attempt({ target: { time: c.r2!.at }, mode: 'overwrite' } as never)).toMatchObject(
      {
        status: 400,
        message: expect.stringMatching(/mode must be "clone" or "replace"/),
      },
    );
    expect(await attempt({ target: { time: c.r2!.at } }, otherTenantId)).toMatchObject({
      status: 404,
      message: 'instance not found',
    });
    // the preflight says the same and where a good target would be served from
    const ok = await inTenantTx(app.db, { tenantId }, (tx) =>
      preflightRestore(tx, {
        tenantId,
        instanceId: source.id,
        body: { target: { time: c.r4!.at } },
        regions,
      }),
    );
    expect(ok.plan).toMatchObject({ region: env.REGION_A_NAME, targetUtc: c.r4!.at });
    expect(await instanceRows()).toEqual(beforeRows);
    expect(await hostEntries()).toEqual(beforeDirs);
  });
});
