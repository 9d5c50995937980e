import { sql } from 'drizzle-orm';
import { repositoryLockDays } from '@rewind/core';
import type { Db } from '../client';
import { hosts, plans } from '../schema';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * The plan catalogue. archive_timeout bounds how stale the newest restorable second can be
 * on an idle instance (WAL is archived when a segment fills or this many seconds pass).
 * Drills alternate regions, so each region is drilled every 2 × drillEverySeconds; every
 * drillOldestEvery-th drill targets the oldest restorable second (about once a day, or a week on Free).
 */
export const PLAN_CATALOGUE = [
  {
    id: 'free',
    name: 'Free',
    retentionDaysMax: 1,
    fullBackupEverySeconds: DAY,
    diffBackupEverySeconds: null,
    incrBackupEverySeconds: 6 * HOUR,
    archiveTimeoutSeconds: 60,
    maxInstances: 1,
    cloneTtlHoursMax: 24,
    approvalForAllRestores: false,
    drillEverySeconds: DAY,
    drillOldestEvery: 7,
  },
  {
    id: 'pro',
    name: 'Pro',
    retentionDaysMax: 7,
    fullBackupEverySeconds: 7 * DAY,
    diffBackupEverySeconds: DAY,
    incrBackupEverySeconds: HOUR,
    archiveTimeoutSeconds: 30,
    maxInstances: 5,
    cloneTtlHoursMax: 72,
    approvalForAllRestores: false,
    drillEverySeconds: 6 * HOUR,
    drillOldestEvery: 4,
  },
  {
    id: 'business',
    name: 'Business',
    retentionDaysMax: 14,
    fullBackupEverySeconds: 7 * DAY,
    diffBackupEverySeconds: DAY,
    incrBackupEverySeconds: HOUR / 2,
    archiveTimeoutSeconds: 15,
    maxInstances: 20,
    cloneTtlHoursMax: 168,
    approvalForAllRestores: false,
    drillEverySeconds: 2 * HOUR,
    drillOldestEvery: 12,
  },
  {
    id: 'enterprise',
    name: 'Enterprise',
    retentionDaysMax: 35,
    fullBackupEverySeconds: 7 * DAY,
    diffBackupEverySeconds: DAY,
    incrBackupEverySeconds: HOUR / 4,
    archiveTimeoutSeconds: 10,
    maxInstances: 100,
    cloneTtlHoursMax: 720,
    approvalForAllRestores: true,
    drillEverySeconds: HOUR,
    drillOldestEvery: 24,
  },
] as const satisfies readonly (typeof plans.$inferInsert)[];

/** Days every new version in the repository buckets is locked (S3 Object Lock), from this catalogue. */
export const REPOSITORY_LOCK_DAYS = repositoryLockDays(PLAN_CATALOGUE);

export interface SeedReferenceOptions {
  hostId?: string;
  /** INSTANCE_PORT_MIN / INSTANCE_PORT_MAX of the stack */
  portMin: number;
  portMax: number;
}

/** Plans and the local host. Idempotent: re-running applies catalogue and port-range changes. */
export async function seedReference(db: Db, options: SeedReferenceOptions): Promise<void> {
  if (!(options.portMin > 0 && options.portMin <= options.portMax)) {
    throw new Error(`invalid instance port range ${options.portMin}-${options.portMax}`);
  }
  const hostId = options.hostId ?? 'host-1';
  await db.transaction(async (tx) => {
    for (const plan of PLAN_CATALOGUE) {
      const { id: _id, ...rest } = plan;
      await tx.insert(plans).values(plan).onConflictDoUpdate({ target: plans.id, set: rest });
    }
    await tx
      .insert(hosts)
      .values({
        id: hostId,
        taskQueue: `host:${hostId}`,
        portMin: options.portMin,
        portMax: options.portMax,
      })
      .onConflictDoUpdate({
        target: hosts.id,
        set: {
          taskQueue: sql`excluded.task_queue`,
          portMin: sql`excluded.port_min`,
          portMax: sql`excluded.port_max`,
        },
      });
  });
}
