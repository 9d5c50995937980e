import { TEMPORAL_CHANNEL_ARGS } from '@rewind/core';
import type {
  BackupScheduler,
  BackupScheduleSpec,
  EnsuredBackupSchedules,
} from '@rewind/activities';
import { workflowIds } from '@rewind/workflows/ids';
import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type ScheduleDescription,
} from '@temporalio/client';
import {
  BACKUP_TYPES,
  planBackupScheduleChanges,
  type BackupScheduleType,
  type CurrentBackupSchedule,
} from './backup-schedule-changes';

export function backupScheduleId(
  tenantId: string,
  instanceId: string,
  type: BackupScheduleType,
): string {
  return `${workflowIds.backupSchedule(tenantId, instanceId)}:${type}`;
}

export function drillScheduleId(tenantId: string, instanceId: string): string {
  return workflowIds.drill(tenantId, instanceId, 'schedule');
}

export function repositoryCheckScheduleId(tenantId: string, instanceId: string): string {
  return workflowIds.repositoryCheck(tenantId, instanceId, 'schedule');
}

/** pgbackrest verify reads every file of both repositories: daily, whatever the plan. */
const REPOSITORY_CHECK_EVERY_SECONDS = 24 * 60 * 60;

// a backup still running when the next is due makes the next redundant
const POLICIES = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' } as const;

function backupAction(spec: BackupScheduleSpec, type: BackupScheduleType) {
  return {
    type: 'startWorkflow' as const,
    workflowType: 'takeBackup',
    taskQueue: spec.taskQueue,
    workflowId: workflowIds.backup(spec.tenantId, spec.instanceId, `scheduled-${type}`),
    args: [{ tenantId: spec.tenantId, instanceId: spec.instanceId, type }],
  };
}

function currentOf(d: ScheduleDescription): CurrentBackupSchedule {
  return {
    // the SDK describes a zero offset as undefined, whatever its type says
    intervalsMs: (d.spec.intervals ?? []).map((i) => ({
      everyMs: i.every,
      offsetMs: (i.offset as number | undefined) ?? 0,
    })),
    taskQueue: d.action.type === 'startWorkflow' ? d.action.taskQueue : undefined,
  };
}

/**
 * Temporal Schedules, one per backup type the plan asks for, each starting `takeBackup`, plus the
 * restore drill at the plan's drill cadence and the daily repository checks (verify + WAL continuity).
 * Overlaps are skipped: a backup still running when the next is due makes the next redundant.
 * A plan change updates the existing schedules in place (same ids, so no duplicate backups).
 * The connection is lazy so building the worker's deps stays synchronous and offline.
 */
export function createBackupScheduler(options: {
  address: string;
  namespace: string;
  /**
   * Test harnesses: schedules are created paused. Their instances live a few minutes, and a
   * wall-clock-aligned backup firing in the middle of an assertion (e.g. during a region outage)
   * is noise the test did not ask for.
   */
  createPaused?: boolean;
}): BackupScheduler & {
  close(): Promise<void>;
} {
  const connection = Connection.lazy({
    address: options.address,
    channelArgs: { ...TEMPORAL_CHANNEL_ARGS },
  });
  const client = new Client({ connection, namespace: options.namespace });
  const created = options.createPaused
    ? { state: { paused: true, note: 'created paused by a test harness' } }
    : {};

  const describe = async (scheduleId: string): Promise<ScheduleDescription | null> => {
    try {
      return await client.schedule.getHandle(scheduleId).describe();
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return null;
      throw new Error(`while reading backup schedule ${scheduleId}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  };

  /** One schedule at a fixed interval: created, or its interval and action brought up to date. */
  const ensureInterval = async (
    result: EnsuredBackupSchedules,
    scheduleId: string,
    everySeconds: number,
    action: {
      type: 'startWorkflow';
      workflowType: string;
      taskQueue: string;
      workflowId: string;
      args: unknown[];
    },
  ): Promise<void> => {
    const interval = { intervals: [{ every: `${everySeconds} seconds` }] };
    try {
      const current = await describe(scheduleId);
      if (!current) {
        try {
          // a drill still running (its clone's TTL) makes the next one redundant
          await client.schedule.create({
            scheduleId,
            spec: interval,
            policies: POLICIES,
            action,
            ...created,
          });
          result.created.push(scheduleId);
        } catch (err) {
          if (!(err instanceof ScheduleAlreadyRunning)) throw err;
        }
      } else {
        const now = currentOf(current);
        const same =
          now.taskQueue === action.taskQueue &&
          now.intervalsMs.length === 1 &&
          now.intervalsMs[0]!.everyMs === everySeconds * 1000;
        if (!same) {
          await client.schedule
            .getHandle(scheduleId)
            .update((prev) => ({ ...prev, spec: interval, action }));
          result.updated.push(scheduleId);
        }
      }
    } catch (err) {
      throw new Error(`while writing schedule ${scheduleId}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    result.ids.push(scheduleId);
  };

  return {
    async ensure(spec: BackupScheduleSpec): Promise<EnsuredBackupSchedules> {
      const result: EnsuredBackupSchedules = { ids: [], created: [], updated: [], removed: [] };
      const idOf = (type: BackupScheduleType) =>
        backupScheduleId(spec.tenantId, spec.instanceId, type);

      // phase: what exists now
      const current = {} as Record<BackupScheduleType, CurrentBackupSchedule | null>;
      for (const type of BACKUP_TYPES) {
        const d = await describe(idOf(type));
        current[type] = d ? currentOf(d) : null;
      }

      // phase: bring each type to the plan's cadence
      const changes = planBackupScheduleChanges(current, {
        taskQueue: spec.taskQueue,
        full: spec.fullEverySeconds,
        diff: spec.diffEverySeconds,
        incr: spec.incrEverySeconds,
      });
      for (const change of changes) {
        const scheduleId = idOf(change.type);
        try {
          switch (change.action) {
            case 'create':
              try {
                await client.schedule.create({
                  scheduleId,
                  spec: { intervals: [{ every: `${change.everySeconds} seconds` }] },
                  policies: POLICIES,
                  action: backupAction(spec, change.type),
                  ...created,
                });
                result.created.push(scheduleId);
              } catch (err) {
                // another ensure created it since we looked: the next ensure compares its cadence
                if (!(err instanceof ScheduleAlreadyRunning)) throw err;
              }
              result.ids.push(scheduleId);
              break;
            case 'update':
              await client.schedule.getHandle(scheduleId).update((prev) => ({
                ...prev,
                spec: { intervals: [{ every: `${change.everySeconds} seconds` }] },
                action: backupAction(spec, change.type),
              }));
              result.updated.push(scheduleId);
              result.ids.push(scheduleId);
              break;
            case 'keep':
              result.ids.push(scheduleId);
              break;
            case 'remove':
              await client.schedule
                .getHandle(scheduleId)
                .delete()
                .catch((err: unknown) => {
                  if (!(err instanceof ScheduleNotFoundError)) throw err;
                });
              result.removed.push(scheduleId);
              break;
            case 'absent':
              break;
          }
        } catch (err) {
          throw new Error(
            `while ${change.action === 'remove' ? 'removing' : 'writing'} backup schedule ${scheduleId}: ${(err as Error).message}`,
            {
              cause: err,
            },
          );
        }
      }

      // phase: the restore drill at the plan's cadence, and the daily repository checks
      const drillId = drillScheduleId(spec.tenantId, spec.instanceId);
      await ensureInterval(result, drillId, spec.drillEverySeconds, {
        type: 'startWorkflow',
        workflowType: 'restoreDrill',
        taskQueue: spec.taskQueue,
        workflowId: workflowIds.drill(spec.tenantId, spec.instanceId, 'scheduled'),
        args: [{ tenantId: spec.tenantId, instanceId: spec.instanceId, trigger: 'schedule' }],
      });
      const checkId = repositoryCheckScheduleId(spec.tenantId, spec.instanceId);
      await ensureInterval(result, checkId, REPOSITORY_CHECK_EVERY_SECONDS, {
        type: 'startWorkflow',
        workflowType: 'checkRepositories',
        taskQueue: spec.taskQueue,
        workflowId: workflowIds.repositoryCheck(spec.tenantId, spec.instanceId, 'scheduled'),
        args: [{ tenantId: spec.tenantId, instanceId: spec.instanceId }],
      });
      return result;
    },
    async remove(ref): Promise<void> {
      const ids = [
        ...BACKUP_TYPES.map((t) => backupScheduleId(ref.tenantId, ref.instanceId, t)),
        drillScheduleId(ref.tenantId, ref.instanceId),
        repositoryCheckScheduleId(ref.tenantId, ref.instanceId),
      ];
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
