import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from './activity-types';
import { hostQueue } from './task-queues';

export interface StackProbeInput {
  hostId: string;
}

export type StackProbeResult = Awaited<ReturnType<Activities['probeHost']>>;

/** Smallest end-to-end proof of the stack: Temporal → this host's worker → postgres/pgbackrest binaries. */
export async function stackProbe(input: StackProbeInput): Promise<StackProbeResult> {
  const { probeHost } = proxyActivities<Activities>({
    taskQueue: hostQueue(input.hostId),
    startToCloseTimeout: '30 seconds',
    // a host that does not poll should fail the probe quickly, not hang it
    scheduleToCloseTimeout: '2 minutes',
    retry: { maximumAttempts: 3, initialInterval: '1 second' },
  });
  return probeHost();
}
