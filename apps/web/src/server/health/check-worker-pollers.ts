import 'server-only';
import { pollerVerdict } from '@rewind/core';
import { temporalConnection } from '../temporal';

// temporal.api.enums.v1: TaskQueueKind NORMAL = 1; TaskQueueType WORKFLOW = 1, ACTIVITY = 2
const NORMAL = 1;
export const WORKFLOW_TASKS = 1;
export const ACTIVITY_TASKS = 2;

/**
 * Is a worker polling `queue` for `taskType`? DescribeTaskQueue on the Temporal frontend; a dead
 * worker turns this red once its last poll is older than POLLER_FRESH_MS (see pollerVerdict).
 */
export async function checkWorkerPollers(
  namespace: string,
  queue: string,
  taskType: typeof WORKFLOW_TASKS | typeof ACTIVITY_TASKS,
  timeoutMs: number,
): Promise<string> {
  const connection = await temporalConnection();
  const described = await connection.withDeadline(Date.now() + timeoutMs, () =>
    connection.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: queue, kind: NORMAL },
      taskQueueType: taskType,
    }),
  );
  const verdict = pollerVerdict(
    `${queue} (${taskType === WORKFLOW_TASKS ? 'workflows' : 'activities'})`,
    (described.pollers ?? []).map((p) => ({
      identity: p.identity ?? '',
      lastAccessTime:
        p.lastAccessTime?.seconds != null
          ? new Date(Number(p.lastAccessTime.seconds) * 1000)
          : undefined,
    })),
    new Date(),
  );
  if (!verdict.ok) throw new Error(verdict.detail);
  return verdict.detail;
}
