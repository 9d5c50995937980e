import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activity-types';
import { hostQueue } from '../task-queues';

/** Catalog activities run on the workflow's own (control-plane) queue. */
export function catalogProxy() {
  return proxyActivities<Activities>({
    startToCloseTimeout: '2 minutes',
    retry: { maximumAttempts: 5, initialInterval: '1 second' },
  });
}

/** Activities that touch the instance's disks and processes run on its host's queue. */
export function hostProxy(
  hostId: string,
  options: { startToClose?: string; attempts?: number } = {},
) {
  return proxyActivities<Activities>({
    taskQueue: hostQueue(hostId),
    startToCloseTimeout: options.startToClose ?? '15 minutes',
    // long pgBackRest runs heartbeat every 10 s; a dead host is noticed within a minute
    heartbeatTimeout: '1 minute',
    // a host that never polls fails the step instead of hanging it forever
    scheduleToStartTimeout: '5 minutes',
    retry: { maximumAttempts: options.attempts ?? 3, initialInterval: '2 seconds' },
  });
}

export interface InstanceWorkflowInput {
  tenantId: string;
  instanceId: string;
}
