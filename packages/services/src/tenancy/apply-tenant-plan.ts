import { AppError } from '@rewind/core';
import type { ApplyPlanRequest } from '@rewind/workflows/messages';
import { applyPlanSignal } from '@rewind/workflows/messages';
import { signalWithStartWorkflow, workflowDefs } from '@rewind/workflows/start';
import type { ServiceDeps } from '../service-deps';

/**
 * After a plan, plan-limit or retention change committed: has the tenant's `applyTenantPlan`
 * workflow bring its instances to the plan (archive_timeout, pgbackrest.conf, backup schedules).
 * signalWithStart on the tenant's one id: starts it, or queues one more pass if it is running.
 * Callers ask whenever the request touched these settings, changed or not, so repeating a
 * request after an orchestrator outage applies what was saved.
 */
export async function startApplyTenantPlan(
  deps: ServiceDeps,
  tenantId: string,
  request: ApplyPlanRequest,
): Promise<void> {
  const def = workflowDefs.applyTenantPlan;
  try {
    const client = await deps.temporal();
    await signalWithStartWorkflow(client, def, {
      id: [tenantId],
      args: [{ tenantId, ...request }],
      signal: applyPlanSignal,
      signalArgs: [request],
    });
  } catch (err) {
    console.error('[plans] could not start or signal', def.id(tenantId), err);
    throw new AppError(
      'unavailable',
      'the change was saved, but the orchestrator is unavailable to apply it to running instances; repeat the request shortly',
    );
  }
}
