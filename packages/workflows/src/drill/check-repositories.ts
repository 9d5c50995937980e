import { patched, proxyActivities } from '@temporalio/workflow';
import { startAlertDeliveries } from '../alerts/start-alert-deliveries';
import type { Activities } from '../activity-types';
import { catalogProxy, hostProxy, type InstanceWorkflowInput } from '../instance/activity-options';

export interface CheckRepositoriesInput extends InstanceWorkflowInput {
  /** tests run their own host worker on a unique queue; production derives it from the host id */
  hostTaskQueue?: string;
}

export type CheckRepositoriesResult = Awaited<ReturnType<Activities['checkRepository']>>;

/**
 * The scheduled repository checks of an instance, region by region: `pgbackrest verify` and the
 * WAL continuity from the oldest retained backup to the newest segment, each recorded (by the
 * activity) as a result with what it found, then the instance's alerts are evaluated on them so a
 * problem opens verify_failed (naming region and findings) at once, and a clean check resolves
 * it (a stopped instance's wait until it runs). A deleted or failed instance is skipped.
 */
export async function checkRepositories(
  input: CheckRepositoriesInput,
): Promise<CheckRepositoriesResult> {
  const cp = catalogProxy();
  const ref = { tenantId: input.tenantId, instanceId: input.instanceId };
  const facts = await cp.loadInstanceFacts(ref);
  if (facts.status !== 'running' && facts.status !== 'stopped') return [];
  const host = input.hostTaskQueue
    ? proxyActivities<Activities>({
        taskQueue: input.hostTaskQueue,
        startToCloseTimeout: '3 hours',
        heartbeatTimeout: '1 minute',
        retry: { maximumAttempts: 2, initialInterval: '5 seconds' },
      })
    : hostProxy(facts.hostId, { startToClose: '3 hours', attempts: 2 });
  const out: CheckRepositoriesResult = [];
  for (const region of await cp.drillRegions())
    out.push(...(await host.checkRepository({ ...ref, region })));
  // a stopped instance's archive reads as lagging: its alerts wait for it to run (as the monitor's)
  if (patched('repository-check-alerts') && facts.status === 'running')
    await startAlertDeliveries(await cp.evaluateInstanceAlerts(ref));
  return out;
}
