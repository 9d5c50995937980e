import { asc } from 'drizzle-orm';
import type { PlatformDb } from '../../platform-db';
import { plans } from '../../schema';

export type PlanRow = typeof plans.$inferSelect;

/** The plan catalogue, smallest first (by instance allowance, then retention). */
export async function listPlans(db: PlatformDb): Promise<PlanRow[]> {
  return db
    .select()
    .from(plans)
    .orderBy(asc(plans.maxInstances), asc(plans.retentionDaysMax), asc(plans.id));
}
