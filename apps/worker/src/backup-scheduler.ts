import type { BackupScheduler, BackupScheduleSpec } from '@rewind/activities';
import { workflowIds } from '@rewind/workflows/ids';
import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
} from '@temporalio/client';

const TYPES = ['full', 'diff', 'incr'] as const;

export function backupScheduleId(tenantId: string, instanceId: string, type: (typeof TYPES)[number]): string {
  return `${workflowIds.backupSchedule(tenantId, instanceId)}:${type}`;
}

export function drillScheduleId(tenantId: string, instanceId: string): string {
  return workflowIds.drill(tenantId, instanceId, 'schedule');
}

/** Restore drills run daily: often enough that a broken chain is found within a day. */
const DRILL_EVERY = '24 hours';

/**
 * Temporal Schedules, one per backup type, plus the daily restore drill, the plan asks for, each starting `takeBackup`.
 * Overlaps are skipped: a backup still running when the next is due makes the next redundant.
 * The connection is lazy so building the worker's deps stays synchronous and offline.
 */
export function createBackupScheduler(options: { address: string; namespace: string }): BackupScheduler & {
  close(): Promise<void>;
} {
  const connection = Connection.lazy({ address: options.address });
  const client = new Client({ connection, namespace: options.namespace });
  return {
    async ensure(spec: BackupScheduleSpec): Promise<string[]> {
      const every = { full: spec.fullEverySeconds, diff: spec.diffEverySeconds, incr: spec.incrEverySeconds };
      const ids: string[] = [];
      for (const type of TYPES) {
        const seconds = every[type];
        if (!seconds) continue;
        const scheduleId = backupScheduleId(spec.tenantId, spec.instanceId, type);
        try {
          await client.schedule.create({
            scheduleId,
            spec: { intervals: [{ every: `${seconds} seconds` }] },
            policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
            action: {
              type: 'startWorkflow',
              workflowType: 'takeBackup',
              taskQueue: spec.taskQueue,
              workflowId: workflowIds.backup(spec.tenantId, spec.instanceId, `scheduled-${type}`),
              args: [{ tenantId: spec.tenantId, instanceId: spec.instanceId, type }],
            },
          });
        } catch (err) {
          if (!(err instanceof ScheduleAlreadyRunning))
            throw new Error(`while creating backup schedule ${scheduleId}: ${(err as Error).message}`, {
              cause: err,
            });
        }
        ids.push(scheduleId);
      }
      const drillId = drillScheduleId(spec.tenantId, spec.instanceId);
      try {
        await client.schedule.create({
          scheduleId: drillId,
          spec: { intervals: [{ every: DRILL_EVERY }] },
          // a drill still running (its clone's TTL) makes the next one redundant
          policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
          action: {
            type: 'startWorkflow',
            workflowType: 'restoreDrill',
            taskQueue: spec.taskQueue,
            workflowId: workflowIds.drill(spec.tenantId, spec.instanceId, 'scheduled'),
            args: [{ tenantId: spec.tenantId, instanceId: spec.instanceId, trigger: 'schedule' }],
          },
        });
      } catch (err) {
        if (!(err instanceof ScheduleAlreadyRunning))
          throw new Error(`while creating restore drill schedule ${drillId}: ${(err as Error).message}`, { cause: err });
      }
      ids.push(drillId);
      return ids;
    },
    async remove(ref): Promise<void> {
      const ids = [...TYPES.map((t) => backupScheduleId(ref.tenantId, ref.instanceId, t)), drillScheduleId(ref.tenantId, ref.instanceId)];
      for (const id of ids) {
        try {
          await client.schedule.getHandle(id).delete();
        } catch (err) {
          if (!(err instanceof ScheduleNotFoundError)) throw err;
        }
      }
    },
    // a lazy connection that never connected has nothing to close
    close: () => connection.close().catch(() => undefined),
  };
}
