import { createRequire } from 'node:module';
import type { Activities } from '@rewind/activities';
import type { StackEnv } from '@rewind/core';
import { CONTROL_PLANE_QUEUE, hostQueue } from '@rewind/workflows/task-queues';
import {
  bundleWorkflowCode,
  type NativeConnection,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';

const require = createRequire(import.meta.url);

type WorkerQueues = StackEnv['REWIND_WORKER_QUEUES'];

/** packages/workflows/src/index.ts, resolved through the workspace so it works from any cwd. */
export function workflowsPath(): string {
  return require.resolve('@rewind/workflows');
}

/** Bundled once per process and shared by both workers (bundling takes seconds). */
export async function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: quietBundlerLogger });
}

// webpack chatter is noise in the worker's log; warnings and errors still come through
const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: Record<string, unknown>) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: Record<string, unknown>) => console.error(message, meta ?? ''),
};

export interface CreateWorkersInput {
  connection: NativeConnection;
  namespace: string;
  hostId: string;
  activities: Activities;
  workflowBundle: WorkflowBundleWithSourceMap;
  /** tests use unique queues so parallel runs never steal each other's tasks */
  controlPlaneQueue?: string;
  hostTaskQueue?: string;
}

/**
 * Two workers, one process: the shared control-plane queue (workflows + catalog activities) and
 * this host's own queue (activities that touch local disks and processes; no workflows).
 */
export async function createWorkers(
  input: CreateWorkersInput,
): Promise<{ controlPlane: Worker; host: Worker }> {
  return {
    controlPlane: await createControlPlaneWorker(input),
    host: await createHostWorker(input),
  };
}

/** The workers of REWIND_WORKER_QUEUES: both, or one of them (a Helm deployment splits them). */
export async function createWorkersFor(
  queues: WorkerQueues,
  input: CreateWorkersInput,
): Promise<Worker[]> {
  const workers: Worker[] = [];
  if (queues !== 'host') workers.push(await createControlPlaneWorker(input));
  if (queues !== 'control-plane') workers.push(await createHostWorker(input));
  return workers;
}

/** The task queues a worker of REWIND_WORKER_QUEUES polls, in the order createWorkersFor makes them. */
export function polledQueues(queues: WorkerQueues, hostId: string): string[] {
  return [
    ...(queues !== 'host' ? [CONTROL_PLANE_QUEUE] : []),
    ...(queues !== 'control-plane' ? [hostQueue(hostId)] : []),
  ];
}

function createControlPlaneWorker(input: CreateWorkersInput): Promise<Worker> {
  return Worker.create({
    connection: input.connection,
    namespace: input.namespace,
    taskQueue: input.controlPlaneQueue ?? CONTROL_PLANE_QUEUE,
    workflowBundle: input.workflowBundle,
    activities: input.activities,
  });
}

function createHostWorker(input: CreateWorkersInput): Promise<Worker> {
  return Worker.create({
    connection: input.connection,
    namespace: input.namespace,
    taskQueue: input.hostTaskQueue ?? hostQueue(input.hostId),
    activities: input.activities,
    // a restore or backup can hog both cores; keep host-local concurrency modest
    maxConcurrentActivityTaskExecutions: 4,
  });
}

/** Resolves once every worker reports RUNNING (i.e. polling), rejects if one fails first. */
export async function waitUntilRunning(workers: Worker[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!workers.every((w) => w.getState() === 'RUNNING')) {
    const failed = workers.find((w) => w.getState() === 'FAILED' || w.getState() === 'STOPPED');
    if (failed)
      throw new Error(`worker ${failed.options.taskQueue} is ${failed.getState()} before polling`);
    if (Date.now() > deadline) throw new Error('workers did not start polling in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
