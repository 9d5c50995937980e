import 'server-only';
import { z } from 'zod';

const DAY = 86_400;
const seconds = (min: number, max: number, what: string) =>
  z
    .number()
    .int(`${what} must be a whole number of seconds`)
    .min(min, `${what} must be at least ${min} s`)
    .max(max, `${what} must be at most ${max} s`);

/**
 * PATCH /api/v1/admin/plans/{id}. Ranges are what the data plane can honour: pgBackRest
 * schedules no tighter than 5 minutes, archive_timeout between 10 s and an hour (PostgreSQL
 * accepts 0 = off, which would make the window's `latest` unbounded, so it is refused).
 */
export const planLimitsBody = z
  .object({
    retentionDaysMax: z
      .number()
      .int('retentionDaysMax must be a whole number')
      .min(1, 'retentionDaysMax must be at least 1')
      .max(3650, 'retentionDaysMax must be at most 3650'),
    fullBackupEverySeconds: seconds(3600, 30 * DAY, 'fullBackupEverySeconds'),
    diffBackupEverySeconds: seconds(300, 30 * DAY, 'diffBackupEverySeconds').nullable(),
    incrBackupEverySeconds: seconds(300, 30 * DAY, 'incrBackupEverySeconds').nullable(),
    archiveTimeoutSeconds: seconds(10, 3600, 'archiveTimeoutSeconds'),
    // a drill is a full restore: no more often than every 15 minutes
    drillEverySeconds: seconds(900, 30 * DAY, 'drillEverySeconds'),
    drillOldestEvery: z
      .number()
      .int('drillOldestEvery must be a whole number')
      .min(1, 'drillOldestEvery must be at least 1')
      .max(1000, 'drillOldestEvery must be at most 1000')
      .nullable(),
    maxInstances: z
      .number()
      .int('maxInstances must be a whole number')
      .min(1, 'maxInstances must be at least 1')
      .max(1000, 'maxInstances must be at most 1000'),
    cloneTtlHoursMax: z
      .number()
      .int('cloneTtlHoursMax must be a whole number of hours')
      .min(1, 'cloneTtlHoursMax must be at least 1')
      .max(8760, 'cloneTtlHoursMax must be at most 8760 (a year)'),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    message: 'nothing to change: give at least one limit',
  });

export const tenantPlanBody = z
  .object({
    planId: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'planId must be a plan id like pro'),
  })
  .strict();
