import { describe, expect, it } from 'vitest';
import { planBackupScheduleChanges, type CurrentBackupSchedule } from './backup-schedule-changes';

const every = (seconds: number, taskQueue = 'cp'): CurrentBackupSchedule => ({
  intervalsMs: [{ everyMs: seconds * 1000, offsetMs: 0 }],
  taskQueue,
});
const HOUR = 3600;
const DAY = 24 * HOUR;

describe('planBackupScheduleChanges', () => {
  it('creates every type of a new instance', () => {
    expect(
      planBackupScheduleChanges(
        { full: null, diff: null, incr: null },
        { taskQueue: 'cp', full: 7 * DAY, diff: DAY, incr: HOUR },
      ),
    ).toEqual([
      { type: 'full', action: 'create', everySeconds: 7 * DAY },
      { type: 'diff', action: 'create', everySeconds: DAY },
      { type: 'incr', action: 'create', everySeconds: HOUR },
    ]);
  });

  it('keeps schedules already at the cadence and updates only the ones that differ', () => {
    expect(
      planBackupScheduleChanges(
        { full: every(7 * DAY), diff: every(DAY), incr: every(HOUR) },
        { taskQueue: 'cp', full: 7 * DAY, diff: DAY, incr: HOUR / 2 },
      ),
    ).toEqual([
      { type: 'full', action: 'keep', everySeconds: 7 * DAY },
      { type: 'diff', action: 'keep', everySeconds: DAY },
      { type: 'incr', action: 'update', everySeconds: HOUR / 2 },
    ]);
  });

  it('removes types the plan dropped and creates types it gained', () => {
    expect(
      planBackupScheduleChanges(
        { full: every(DAY), diff: null, incr: every(6 * HOUR) },
        { taskQueue: 'cp', full: 7 * DAY, diff: DAY, incr: null },
      ),
    ).toEqual([
      { type: 'full', action: 'update', everySeconds: 7 * DAY },
      { type: 'diff', action: 'create', everySeconds: DAY },
      { type: 'incr', action: 'remove' },
    ]);
    expect(
      planBackupScheduleChanges(
        { full: every(DAY), diff: null, incr: null },
        { taskQueue: 'cp', full: DAY, diff: null, incr: null },
      )[1],
    ).toEqual({
      type: 'diff',
      action: 'absent',
    });
  });

  it('updates a schedule on another queue, with an offset or with more than one interval', () => {
    const wanted = { taskQueue: 'cp', full: DAY, diff: null, incr: null };
    const full = (current: CurrentBackupSchedule) =>
      planBackupScheduleChanges({ full: current, diff: null, incr: null }, wanted)[0];
    expect(full(every(DAY, 'old-queue'))).toMatchObject({ action: 'update' });
    expect(
      full({ intervalsMs: [{ everyMs: DAY * 1000, offsetMs: 60_000 }], taskQueue: 'cp' }),
    ).toMatchObject({ action: 'update' });
    expect(
      full({
        intervalsMs: [
          { everyMs: DAY * 1000, offsetMs: 0 },
          { everyMs: HOUR * 1000, offsetMs: 0 },
        ],
        taskQueue: 'cp',
      }),
    ).toMatchObject({
      action: 'update',
    });
    expect(full({ intervalsMs: [], taskQueue: 'cp' })).toMatchObject({ action: 'update' });
  });

  it('refuses a cadence Temporal would round to nothing', () => {
    expect(() =>
      planBackupScheduleChanges(
        { full: null, diff: null, incr: null },
        { taskQueue: 'cp', full: 0.5, diff: null, incr: null },
      ),
    ).toThrow(/whole number of seconds/);
  });
});
