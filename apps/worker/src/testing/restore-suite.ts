import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { createActivities } from '@rewind/activities';
import type { StackEnv } from '@rewind/core';
import {
  createDb,
  createPlatformDb,
  getRestore,
  inTenantTx,
  instances,
  requestRestore,
  type InstanceRecord,
  type RestoreRecord,
  type RestoreRequestBody,
} from '@rewind/db';
import { findRows, updateRows } from '@rewind/db/testing';
import { seedDemo } from '@rewind/db/seed';
import { createEngine, engineConfigFromEnv } from '@rewind/engine';
import { restoreToPointInTime } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { buildActivityDeps } from '../build-deps';
import { bundleWorkflows, createWorkers, waitUntilRunning } from '../create-workers';
import { provisionSource, syncCatalog } from './restore-fixture';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/** Pids whose command line mentions `needle` (a clone's data directory), except our own. */
export async function processesMentioning(needle: string): Promise<number[]> {
  const out: number[] = [];
  for (const e of await readdir('/proc')) {
    const pid = Number(e);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes(needle)) out.push(pid);
  }
  return out;
}

export function portListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export type RestoreSuite = Awaited<ReturnType<typeof restoreSuite>>;

/**
 * What the restore suites share: the demo tenant, an in-process worker pair on unique queues
 * (restartable, for the worker-kill test), and a source with orders r1..r5, then
 * `DELETE FROM orders` at `deletedAt`, then one more commit so recovery can stop after it.
 */
export async function restoreSuite(
  env: StackEnv,
  name: string,
  options: {
    workers?: boolean;
    queues?: { hostTaskQueue: string; controlPlaneQueue: string };
    /** the source's archive_timeout: the fault drills take the enterprise plan's 10 s */
    archiveTimeoutSeconds?: number;
  } = {},
) {
  const engine = createEngine(engineConfigFromEnv(env));
  const nonce = randomBytes(4).toString('hex');
  // `queues`: the stack's own worker serves the restores (the fault drills watch that process)
  const queues = options.queues ?? {
    hostTaskQueue: `it-${name}-host-${nonce}`,
    controlPlaneQueue: `it-${name}-cp-${nonce}`,
  };
  const app = createDb(env.CONTROL_DATABASE_URL, { applicationName: `rewind-${name}-test` });
  const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 2,
    applicationName: `rewind-${name}-test`,
  });
  const regions = [env.REGION_A_NAME, env.REGION_B_NAME];

  const demo = await seedDemo(platform.db);
  const tenantId = demo.tenants.find((t) => t.slug === 'acme')!.id;
  const ownerId = demo.users.find((u) => u.tenant === 'acme' && u.role === 'owner')!.id;
  const secondUserId = demo.users.find((u) => u.tenant === 'acme' && u.role === 'member')!.id;

  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed already by another suite in this process
  }
  const built = buildActivityDeps(env, { hostId: `it-${name}-${nonce}` });
  const activities = createActivities(built.deps);
  const workflowBundle = await bundleWorkflows();
  const workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  let stopWorkers: (() => Promise<void>) | undefined;
  const startWorkers = async () => {
    const { controlPlane, host } = await createWorkers({
      connection: workerConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      hostId: `it-${name}-${nonce}`,
      activities,
      workflowBundle,
      ...queues,
    });
    const running = Promise.all([controlPlane.run(), host.run()]);
    await waitUntilRunning([controlPlane, host]);
    stopWorkers = async () => {
      controlPlane.shutdown();
      host.shutdown();
      await running.catch(() => undefined);
      stopWorkers = undefined;
    };
  };
  if (options.workers !== false) await startWorkers();
  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });

  const source: InstanceRecord = await provisionSource(
    env,
    engine,
    app.db,
    tenantId,
    `${name}-${nonce}`,
    options.archiveTimeoutSeconds,
  );
  const sock = () => ({
    socketDir: engine.paths(source.stanza).run,
    port: source.port!,
    database: source.databaseName,
  });
  const onSource = (text: string) =>
    engine.runSql(sock(), text, { context: `${name} test workload` });
  const commitTime = async () =>
    (
      await onSource(
        `select to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from pg_last_committed_xact()`,
      )
    ).trim();

  await onSource('create table orders (id serial primary key, note text not null)');
  // the tenant's own role owns its data, as it would had the tenant created it
  await onSource(`alter table orders owner to "${source.username}"`);
  await engine.backupBothRepos({ instanceId: source.stanza, type: 'full' });
  await sleep(1100); // pgBackRest serves only targets after the backup's stop second
  for (const note of ['r1', 'r2', 'r3', 'r4', 'r5'])
    await onSource(`insert into orders(note) values ('${note}')`);
  await onSource('select pg_switch_wal()');
  await sleep(1100);
  await onSource('delete from orders');
  const deletedAt = await commitTime();
  await sleep(1100);
  await onSource("insert into orders(note) values ('tail')"); // recovery to a time stops only at a later commit
  const tail = {
    at: await commitTime(),
    lsn: (await onSource('select pg_current_wal_insert_lsn()')).trim(),
  };
  await engine.check({ instanceId: source.stanza }); // switches WAL, waits until both regions hold it
  await syncCatalog(env, engine, app.db, source, tail);

  const row = (id: string): Promise<RestoreRecord> =>
    inTenantTx(app.db, { tenantId }, (tx) => getRestore(tx, tenantId, id));

  /** Requests like POST …/restores does and starts the workflow on this suite's queues. */
  async function start(body: RestoreRequestBody, extra: { keepReplacedSeconds?: number } = {}) {
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
      taskQueue: queues.controlPlaneQueue,
      workflowId: r.workflowId,
      args: [
        {
          tenantId,
          instanceId: source.id,
          restoreId: r.id,
          requestedBy: ownerId,
          mode: r.mode,
          needsApproval: r.needsApproval,
          hostId: env.REWIND_HOST_ID,
          ...queues,
          ...extra,
        },
      ],
      workflowExecutionTimeout: '30 minutes',
    });
    return {
      id: r.id,
      needsApproval: r.needsApproval,
      handle: handle as WorkflowHandle<typeof restoreToPointInTime>,
    };
  }

  /** Polls the restores row until `done(row)`; throws on a final status that is not the one awaited. */
  async function waitFor(id: string, done: (r: RestoreRecord) => boolean, timeoutMs = 10 * 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await row(id);
      if (done(r)) return r;
      if (!['running', 'pending_approval'].includes(r.status))
        throw new Error(
          `restore ${r.status} in ${r.phase}: ${r.error} ${JSON.stringify(r.checks)}`,
        );
      if (Date.now() > deadline)
        throw new Error(`restore still ${r.status}/${r.phase} after ${timeoutMs} ms`);
      await sleep(250);
    }
  }

  async function instanceRow(id: string) {
    return (await findRows(platform.db, instances, { id: id }))[0]!;
  }

  async function close() {
    await stopWorkers?.();
    await clientConnection.close();
    await workerConnection.close();
    await built.close();
    await engine
      .stanzaDelete({ instanceId: source.stanza })
      .catch((e: unknown) => console.warn(String(e)));
    await engine.destroyInstance({ instanceId: source.stanza });
    await updateRows(platform.db, instances, { id: source.id }, { status: 'deleted' });
    await app.close();
    await platform.close();
  }

  return {
    env,
    engine,
    app,
    platform,
    tenantId,
    ownerId,
    secondUserId,
    queues,
    client,
    source,
    sock,
    onSource,
    deletedAt,
    deps: built.deps,
    startWorkers,
    stopWorkers: () => stopWorkers?.() ?? Promise.resolve(),
    row,
    start,
    waitFor,
    instanceRow,
    close,
  };
}
