import {
  Client,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Connection,
} from '@temporalio/client';
import { auditExportIds } from '@rewind/workflows/ids';
import { CONTROL_PLANE_QUEUE } from '@rewind/workflows/task-queues';

/**
 * The daily audit export schedule, created once (idempotent: every worker start calls this,
 * an existing schedule is left as is so an operator's pause survives restarts).
 * 02:15 UTC, away from midnight, where backup schedules cluster.
 */
export async function ensureAuditExportSchedule(
  connection: Connection,
  namespace: string,
): Promise<'created' | 'exists'> {
  const client = new Client({ connection, namespace });
  try {
    await client.schedule.create({
      scheduleId: auditExportIds.schedule,
      spec: { calendars: [{ hour: 2, minute: 15, comment: 'daily audit export' }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      action: {
        type: 'startWorkflow',
        workflowType: 'auditExportSweep',
        taskQueue: CONTROL_PLANE_QUEUE,
        args: [],
        workflowExecutionTimeout: '6 hours',
      },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
