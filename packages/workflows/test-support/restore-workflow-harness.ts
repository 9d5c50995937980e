import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Context } from '@temporalio/activity';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, vi } from 'vitest';
import { restoreProgressQuery, type RestoreProgressView } from '../src/messages';
import {
  restoreToPointInTime,
  type RestoreToPointInTimeInput,
} from '../src/restore/restore-to-point-in-time';
import { RESTORE_ACTIVITY_NAMES, type RestoreActivityStubs } from './restore-activity-stubs';
import { bundleWorkflows, createTimeSkippingEnv } from './time-skipping-env';

export type RestoreHandle = WorkflowHandle<typeof restoreToPointInTime>;

export const REQUESTER = 'user-requester';
export const APPROVER = 'user-approver';

/** Worker start-up and the test server's first answers take seconds on a busy machine. */
export const WORKFLOW_TEST_TIMEOUT_MS = 60_000;

/**
 * restoreToPointInTime on the time-skipping test server. One server, one bundle and one worker
 * per test file (set up in beforeAll: each takes seconds); the workflow's control-plane and host
 * queues both point at the worker's queue. Tests run one after another within a file, so each
 * run hands the worker its own stub activities.
 */
export function restoreWorkflowHarness() {
  let env: TestWorkflowEnvironment | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const stubsByWorkflow = new Map<string, RestoreActivityStubs>();
  const taskQueue = `restore-test-${randomUUID()}`;
  // each activity answers with the stubs of the run its workflow belongs to
  const activities = Object.fromEntries(
    RESTORE_ACTIVITY_NAMES.map((name) => [
      name,
      (input: unknown) => {
        const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
        const stubs = stubsByWorkflow.get(workflowId);
        if (!stubs) throw new Error(`activity ${name} of ${workflowId}, whose test has ended`);
        return (stubs[name] as (i: unknown) => Promise<unknown>)(input);
      },
    ]),
  );

  beforeAll(async () => {
    const [started, workflowBundle] = await Promise.all([
      createTimeSkippingEnv(),
      bundleWorkflows(
        fileURLToPath(new URL('../src/restore/restore-to-point-in-time.ts', import.meta.url)),
      ),
    ]);
    env = started;
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities,
      // cancellation reaches an activity with a heartbeat's answer: don't hold heartbeats back
      maxHeartbeatThrottleInterval: '50ms',
    });
    running = worker.run();
  }, 120_000);
  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await env?.teardown();
  }, 60_000);
  const ready = () => {
    if (!env) throw new Error('the test environment did not start (see beforeAll)');
    return env;
  };

  return {
    get env(): TestWorkflowEnvironment {
      return ready();
    },
    /** Starts one restore answered by `stubs`; `body` drives it and reads its outcome. */
    async run<T>(
      stubs: RestoreActivityStubs,
      input: Partial<RestoreToPointInTimeInput>,
      body: (handle: RestoreHandle) => Promise<T>,
    ): Promise<T> {
      const env = ready();
      const workflowId = `restore-test-${randomUUID()}`;
      stubsByWorkflow.set(workflowId, stubs);
      try {
        const handle = await env.client.workflow.start(restoreToPointInTime, {
          taskQueue,
          workflowId,
          args: [
            {
              tenantId: 'tenant-1',
              instanceId: 'inst-source-1',
              restoreId: 'restore-1',
              requestedBy: REQUESTER,
              mode: 'clone',
              needsApproval: false,
              hostId: 'host-1',
              hostTaskQueue: taskQueue,
              controlPlaneQueue: taskQueue,
              ...input,
            },
          ],
        });
        return await body(handle);
      } finally {
        // a test that failed half-way leaves its workflow waiting on a timer: end it here
        await env.client.workflow
          .getHandle(workflowId)
          .terminate('test ended')
          .catch(() => undefined);
        stubsByWorkflow.delete(workflowId);
      }
    },
  };
}

/** Polls the progress query until `ready` holds (real time: the stubs answer at once). */
export function viewWhen(
  handle: RestoreHandle,
  ready: (view: RestoreProgressView) => boolean,
): Promise<RestoreProgressView> {
  return vi.waitFor(
    async () => {
      const view = await handle.query(restoreProgressQuery);
      if (!ready(view)) throw new Error(`not yet: status ${view.status}, phase ${view.phase}`);
      return view;
    },
    { timeout: 30_000, interval: 50 },
  );
}

/** Why the workflow refused an update (a validator's message), or a failure if it was accepted. */
export async function refusal(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause) return err.cause.message;
    throw err;
  }
  throw new Error('the update was accepted');
}

/** Cancels the run (Temporal's own cancellation) and answers how it ended: its error, or null. */
export async function cancelRun(handle: RestoreHandle): Promise<unknown> {
  await handle.cancel();
  return handle.result().then(
    () => null,
    (err: unknown) => err,
  );
}
