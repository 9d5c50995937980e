import { sql, type SQL } from 'drizzle-orm';
import { restoreDrills, restores } from '../schema';

/**
 * A `restores` row the tenant asked for, not a drill's. A drill's restore is the platform's
 * (it restores from S3 into the platform's own clone and never touches the source), so it is
 * listed with the drills, never in a tenant's restore history, the admin restore list or the
 * restores that block a lifecycle action. The one definition of that rule.
 */
export function isTenantRestore(): SQL {
  return sql`not exists (select 1 from ${restoreDrills} where ${restoreDrills.restoreId} = ${restores.id})`;
}
