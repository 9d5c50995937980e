import 'server-only';
import { AppError } from '@rewind/core';
import { workflowIds } from '@rewind/workflows/ids';
import { applyPlanSignal, type ApplyPlanRequest } from '@rewind/workflows/messages';
import { CONTROL_PLANE_QUEUE } from '@rewind/workflows/task-queues';
import { temporalClient } from '../temporal';

/**
 * After a plan, plan-limit or retention change committed: has the tenant's `applyTenantPlan`
 * workflow bring its instances to the plan (archive_timeout, pgbackrest.conf, backup schedules).
 * signalWithStart on the tenant's one id: starts it, or queues one more pass if it is running.
 * Routes call it whenever the request touched these settings, changed or not, so repeating a
 * request after an orchestrator outage applies what was saved.
 */
export async function startApplyTenantPlan(tenantId: string, request: ApplyPlanRequest): Promise<void> {
  const workflowId = workflowIds.applyTenantPlan(tenantId);
  try {
    const client = await temporalClient();
    await client.workflow.signalWithStart('applyTenantPlan', {
      taskQueue: CONTROL_PLANE_QUEUE,
      workflowId,
      args: [{ tenantId, ...request }],
      signal: applyPlanSignal,
      signalArgs: [request],
    });
  } catch (err) {
    console.error('[plans] could not start or signal', workflowId, err);
    throw new AppError(
      'unavailable',
      'the change was saved, but the orchestrator is unavailable to apply it to running instances; repeat the request shortly',
    );
  }
}
