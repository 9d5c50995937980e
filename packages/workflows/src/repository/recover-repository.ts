import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activity-types';
import { CONTROL_PLANE_QUEUE } from '../task-queues';

// type-only from the activities package, like every contract a workflow shares with them
type RecoverInput = Parameters<Activities['recoverRepositoryAsOf']>[0];
export type RecoverRepositoryResult = Awaited<ReturnType<Activities['recoverRepositoryAsOf']>>;

export interface RecoverRepositoryWorkflowInput extends Omit<RecoverInput, 'retry'> {
  /** tests run their own workers on their own queues */
  controlPlaneQueue?: string;
}

/**
 * Operator-started (`npm run admin -- repo recover`): rebuilds an instance's repositories in both
 * regions as of a time from object versions into a fresh prefix. One activity; Temporal retries
 * it on a transient S3 failure (the retry may overwrite its own earlier copies, nothing else).
 */
export async function recoverRepository(
  input: RecoverRepositoryWorkflowInput,
): Promise<RecoverRepositoryResult> {
  const { recoverRepositoryAsOf } = proxyActivities<Activities>({
    taskQueue: input.controlPlaneQueue ?? CONTROL_PLANE_QUEUE,
    startToCloseTimeout: '6 hours',
    heartbeatTimeout: '1 minute',
    retry: {
      maximumAttempts: 3,
      initialInterval: '10 seconds',
      nonRetryableErrorTypes: ['AppError'],
    },
  });
  const { controlPlaneQueue: _queue, ...rest } = input;
  return recoverRepositoryAsOf(rest);
}
