import { sql, type SQL } from 'drizzle-orm';
import { instances, restoreDrills, restores } from '../schema';

/**
 * A `restores` row the tenant asked for, not a drill's. A drill's restore is the platform's
 * (it restores from S3 into the platform's own clone and never touches the source), so it is
 * listed with the drills, never in a tenant's restore history, the admin restore list or the
 * restores that block a lifecycle action. The one definition of that rule.
 */
export function isTenantRestore(): SQL {
  return sql`not exists (select 1 from ${restoreDrills} where ${restoreDrills.restoreId} = ${restores.id})`;
}

/**
 * An `instances` row of the tenant's own, not a drill's clone. A drill restores into a clone
 * row of the tenant (so RLS and the host's paths work as for any clone) that lives only for the
 * drill: the tenant's instance list leaves it out, as its restore is left out of the history.
 */
export function isTenantInstance(): SQL {
  return sql`not exists (select 1 from ${restores} join ${restoreDrills} on ${restoreDrills.restoreId} = ${restores.id} where ${restores.resultInstanceId} = ${instances.id})`;
}
