import { randomBytes } from 'node:crypto';
import { createActivities } from '@rewind/activities';
import { loadTestEnv } from '@rewind/engine/testing';
import { stackProbe } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActivityDeps } from './build-deps';
import { bundleWorkflows, createWorkers, waitUntilRunning } from './create-workers';

const env = loadTestEnv();
const nonce = randomBytes(4).toString('hex');
// a fake host id gives this run its own host queue; the control-plane queue is unique as well
const hostId = `it-probe-${nonce}`;
const controlPlaneQueue = `it-control-plane-${nonce}`;

describe('stackProbe workflow', () => {
  let workerConnection: NativeConnection;
  let clientConnection: Connection;
  let stop: () => Promise<void>;
  let closeDeps: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    const built = buildActivityDeps(env, { hostId });
    closeDeps = built.close;
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
    stop = async () => {
      controlPlane.shutdown();
      host.shutdown();
      await running;
    };
    clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  }, 120_000);

  afterAll(async () => {
    await stop?.();
    await clientConnection?.close();
    await workerConnection?.close();
    await closeDeps?.();
  });

  it('runs probeHost on the host queue and returns binary versions', async () => {
    const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });
    const result = await client.workflow.execute(stackProbe, {
      taskQueue: controlPlaneQueue,
      workflowId: workflowIds.stackProbe(hostId, nonce),
      args: [{ hostId }],
      workflowExecutionTimeout: '2 minutes',
    });
    expect(result.hostId).toBe(hostId);
    expect(result.postgres).toMatchObject({ ok: true, version: expect.stringMatching(/^15\.\d+/) });
    expect(result.pgbackrest).toMatchObject({ ok: true, version: '2.45' });
  }, 120_000);
});
