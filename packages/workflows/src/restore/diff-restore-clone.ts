import type { DiffCloneInput } from '@rewind/activities';
import { catalogProxy, hostProxy } from '../instance/activity-options';

export type { DiffCloneInput };

/** Compares a restore's clone with its source on the host that runs both. */
export async function diffRestoreClone(input: DiffCloneInput & { sourceInstanceId: string }) {
  const facts = await catalogProxy().loadInstanceFacts({
    tenantId: input.tenantId,
    instanceId: input.sourceInstanceId,
  });
  return hostProxy(facts.hostId, { startToClose: '15 minutes', attempts: 1 }).diffClone({
    tenantId: input.tenantId,
    restoreId: input.restoreId,
  });
}
