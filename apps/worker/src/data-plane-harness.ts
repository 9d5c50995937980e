import { rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createActivities, type Activities } from '@rewind/activities';
import type { StackEnv } from '@rewind/core';
import { createInstanceRecord, inTenantTx } from '@rewind/db';
import { seedReference } from '@rewind/db/seed';
import { freePortSlice, scratchPortRange } from '@rewind/engine/testing';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import {
  createSeededScratch,
  type SeededScratch,
} from '../../../packages/db/src/testing/seeded-scratch';
import { buildActivityDeps } from './build-deps';
import { bundleWorkflows, createWorkers, waitUntilRunning } from './create-workers';

/**
 * What a data-plane integration test needs: its own scratch control DB (demo tenants), its own
 * host id (so its instance dirs and host queue are its own) and in-process workers on unique
 * queues, so parallel test files never take each other's tasks.
 */
export interface DataPlaneHarness {
  env: StackEnv;
  hostId: string;
  controlPlaneQueue: string;
  db: SeededScratch;
  activities: Activities;
  client: Client;
  createRecord(tenant: 'acme' | 'globex', name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startDataPlaneHarness(
  base: StackEnv,
  label: string,
): Promise<DataPlaneHarness> {
  const nonce = randomBytes(3).toString('hex');
  // short: the instance's unix socket path must stay under 107 bytes
  const hostId = `t${nonce}`;
  const controlPlaneQueue = `it-cp-${label}-${nonce}`;
  const db = await createSeededScratch(`dp_${label}`);
  // outside the stack catalog's range (it cannot see what this scratch catalog allocates), and
  // free now (another harness may hold a slice of the same scratch range)
  const scratch = scratchPortRange(base);
  const portMin = await freePortSlice(scratch.min, scratch.max, 10);
  await seedReference(db.platform.db, { hostId, portMin, portMax: portMin + 9 });
  const env: StackEnv = {
    ...base,
    CONTROL_DATABASE_URL: db.scratch.appUrl,
    CONTROL_DATABASE_PLATFORM_URL: db.scratch.platformUrl,
    REWIND_HOST_ID: hostId,
  };
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by another suite in this process
  }
  const workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  // schedules paused: a backup firing on the wall clock mid-assertion is not what these tests test
  const built = buildActivityDeps(env, { hostId, schedulesPaused: true });
  const activities = createActivities(built.deps);
  const { controlPlane, host } = await createWorkers({
    connection: workerConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    hostId,
    activities,
    workflowBundle: await bundleWorkflows(),
    controlPlaneQueue,
  });
  const running = Promise.all([controlPlane.run(), host.run()]);
  await waitUntilRunning([controlPlane, host]);
  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });
  return {
    env,
    hostId,
    controlPlaneQueue,
    db,
    activities,
    client,
    async createRecord(tenant, name) {
      const tenantId = db.tenant(tenant);
      const row = await inTenantTx(db.app.db, { tenantId }, (tx) =>
        createInstanceRecord(tx, { tenantId, name, secretKey: env.REWIND_SECRET_KEY, hostId }),
      );
      return row.id;
    },
    async close() {
      controlPlane.shutdown();
      host.shutdown();
      await running.catch(() => undefined);
      await clientConnection.close();
      await workerConnection.close();
      await built.close();
      await db.close();
      // this run's own host directory (instances under it are removed by the tests)
      await rm(path.join(env.REWIND_DATA_DIR, 'hosts', hostId), { recursive: true, force: true });
    },
  };
}
