import { catalogProxy, hostProxy, type InstanceWorkflowInput } from './activity-options';
import { proveNewInstance } from './create-instance';
import { failInstance, protectInstance, watchInstance } from './protect-instance';

export interface KeepCloneInput extends InstanceWorkflowInput {
  /** the restore that made the clone (its TTL already ended by keepCloneUpdate) */
  restoreId: string;
}

export interface KeepCloneResult {
  instanceId: string;
  status: 'running';
}

/**
 * A clone kept as a permanent instance (POST /instances/{id}/keep), once its restore's TTL timer
 * has been ended: its data moves under its own stanza and archives WAL to both regions
 * (adoptKeptClone: stanza-create on both repos), then what createInstance gives every instance
 * (protectInstance: first full backups, catalog, running, plan settings and backup schedules;
 * watchInstance: monitor and first drills). A failure removes the schedules and marks it failed;
 * its data stays (it is the tenant's), so deleting it is the owner's decision.
 */
export async function keepClone(input: KeepCloneInput): Promise<KeepCloneResult> {
  const cp = catalogProxy();
  const ref = { tenantId: input.tenantId, instanceId: input.instanceId };
  const facts = await cp.loadInstanceFacts(ref);
  const host = hostProxy(facts.hostId, { startToClose: '30 minutes' });
  const compensations: (() => Promise<unknown>)[] = [];
  try {
    await host.adoptKeptClone(ref);
    await host.ensureReaderRole(ref);
    await protectInstance(ref, facts, compensations, { keptFromRestore: input.restoreId });
  } catch (err) {
    await failInstance(ref, compensations, err, { keptFromRestore: input.restoreId });
    throw err;
  }
  await watchInstance(ref, facts.hostId, proveNewInstance);
  return { instanceId: input.instanceId, status: 'running' };
}
