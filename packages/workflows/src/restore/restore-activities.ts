import { ActivityCancellationType, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activity-types';
import { CONTROL_PLANE_QUEUE, hostQueue } from '../task-queues';
import type { RestoreToPointInTimeInput } from './restore-state';

/** The activity proxies of one restore, each with the timeouts its kind of work needs. */
export function restoreActivities(input: RestoreToPointInTimeInput) {
  const hostTaskQueue = input.hostTaskQueue ?? hostQueue(input.hostId);
  const records = proxyActivities<Activities>({
    taskQueue: input.controlPlaneQueue ?? CONTROL_PLANE_QUEUE,
    startToCloseTimeout: '1 minute',
    retry: {
      maximumAttempts: 5,
      initialInterval: '1 second',
      nonRetryableErrorTypes: ['AppError'],
    },
  });
  const host = proxyActivities<Activities>({
    taskQueue: hostTaskQueue,
    startToCloseTimeout: '6 hours',
    // a dead worker is noticed within this, and the activity is retried on a live one; it also
    // bounds how late a cancellation reaches a running pgbackrest (heartbeats carry it)
    heartbeatTimeout: '30 seconds',
    retry: { maximumAttempts: 3, initialInterval: '5 seconds' },
    // a cancelled restore finishes its pgbackrest run before compensation removes the directory
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  });
  // backups and catalog sync of the replaced source: S3 calls without heartbeats of their own
  const slowHost = proxyActivities<Activities>({
    taskQueue: hostTaskQueue,
    startToCloseTimeout: '6 hours',
    heartbeatTimeout: '2 minutes',
    retry: { maximumAttempts: 2, initialInterval: '5 seconds' },
  });
  const cleanup = proxyActivities<Activities>({
    taskQueue: hostTaskQueue,
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '1 minute',
    retry: { maximumAttempts: 10, initialInterval: '5 seconds' },
  });
  return { records, host, slowHost, cleanup };
}

export type RestoreActivities = ReturnType<typeof restoreActivities>;
