export const BACKUP_TYPES = ['full', 'diff', 'incr'] as const;
export type BackupScheduleType = (typeof BACKUP_TYPES)[number];

/** What an existing backup schedule does now, as described by Temporal. */
export interface CurrentBackupSchedule {
  /** every interval of the schedule's spec, in milliseconds (ours have exactly one) */
  intervalsMs: readonly { everyMs: number; offsetMs: number }[];
  taskQueue: string | undefined;
}

export interface WantedBackupCadence {
  taskQueue: string;
  full: number;
  diff: number | null;
  incr: number | null;
}

export type BackupScheduleChange =
  | { type: BackupScheduleType; action: 'create' | 'update'; everySeconds: number }
  | { type: BackupScheduleType; action: 'keep'; everySeconds: number }
  | { type: BackupScheduleType; action: 'remove' }
  | { type: BackupScheduleType; action: 'absent' };

function matches(current: CurrentBackupSchedule, everySeconds: number, taskQueue: string): boolean {
  const [only, ...more] = current.intervalsMs;
  return (
    only !== undefined &&
    more.length === 0 &&
    only.everyMs === everySeconds * 1000 &&
    only.offsetMs === 0 &&
    current.taskQueue === taskQueue
  );
}

/**
 * Per backup type, what to do so the schedules match the plan's cadence (pure, for tests): a
 * type the plan has is created or, if its interval or queue differs, updated in place (its
 * history and id stay); a type the plan dropped (a null cadence) is removed.
 */
export function planBackupScheduleChanges(
  current: Readonly<Record<BackupScheduleType, CurrentBackupSchedule | null>>,
  wanted: WantedBackupCadence,
): BackupScheduleChange[] {
  return BACKUP_TYPES.map((type): BackupScheduleChange => {
    const everySeconds = wanted[type];
    const now = current[type];
    if (!everySeconds) return now ? { type, action: 'remove' } : { type, action: 'absent' };
    if (!Number.isInteger(everySeconds) || everySeconds < 1)
      throw new Error(
        `${type} backup cadence must be a whole number of seconds ≥ 1, got ${everySeconds}`,
      );
    if (!now) return { type, action: 'create', everySeconds };
    return {
      type,
      action: matches(now, everySeconds, wanted.taskQueue) ? 'keep' : 'update',
      everySeconds,
    };
  });
}
