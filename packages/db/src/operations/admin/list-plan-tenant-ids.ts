import { asc, eq } from 'drizzle-orm';
import type { PlatformDb } from '../../platform-db';
import { tenants } from '../../schema';

/** Ids of the tenants on a plan: whose instances a change of the plan's limits reaches. */
export async function listPlanTenantIds(db: PlatformDb, planId: string): Promise<string[]> {
  const rows = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(eq(tenants.planId, planId))
    .orderBy(asc(tenants.id));
  return rows.map((r) => r.id);
}
