import { getInstance, getInstancePlan, inTenantTx, type InstancePlan } from '@rewind/db';
import type { ActivityDeps } from '../deps';

export interface InstanceRef {
  tenantId: string;
  instanceId: string;
}

/** Non-secret facts a workflow may carry in its history. */
export interface InstanceFacts extends InstanceRef {
  hostId: string;
  /** the engine's id of the instance on its host: its pgBackRest stanza (directory, config, repo path) */
  stanza: string;
  port: number | null;
  status: string;
  legalHold: boolean;
  plan: InstancePlan;
}

export async function loadInstanceFacts(
  deps: ActivityDeps,
  ref: InstanceRef,
): Promise<InstanceFacts> {
  return inTenantTx(deps.db, { tenantId: ref.tenantId }, async (tx) => {
    const row = await getInstance(tx, ref.tenantId, ref.instanceId, { includeDeleted: true });
    const plan = await getInstancePlan(tx, ref.tenantId);
    return {
      tenantId: ref.tenantId,
      instanceId: row.id,
      hostId: row.hostId,
      stanza: row.stanza,
      port: row.port,
      status: row.status,
      legalHold: row.legalHold,
      plan,
    };
  });
}
