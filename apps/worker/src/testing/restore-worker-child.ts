/**
 * A worker pair in its own process, for the worker-kill test: `tsx restore-worker-child.ts
 * <controlPlaneQueue> <hostTaskQueue> <hostId>`. Prints "ready" once both poll. The test
 * SIGKILLs it: nothing here gets a chance to clean up, which is the point.
 */
import { createActivities } from '@rewind/activities';
import { loadTestEnv } from '@rewind/engine/testing';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { buildActivityDeps } from '../build-deps';
import { bundleWorkflows, createWorkers, waitUntilRunning } from '../create-workers';

async function main(): Promise<void> {
  const [controlPlaneQueue, hostTaskQueue, hostId] = process.argv.slice(2);
  if (!controlPlaneQueue || !hostTaskQueue || !hostId)
    throw new Error('usage: restore-worker-child <controlPlaneQueue> <hostTaskQueue> <hostId>');
  const env = loadTestEnv();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const built = buildActivityDeps(env, { hostId });
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const { controlPlane, host } = await createWorkers({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    hostId,
    activities: createActivities(built.deps),
    workflowBundle: await bundleWorkflows(),
    controlPlaneQueue,
    hostTaskQueue,
  });
  const running = Promise.all([controlPlane.run(), host.run()]);
  await waitUntilRunning([controlPlane, host]);
  console.log('ready');
  await running;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
