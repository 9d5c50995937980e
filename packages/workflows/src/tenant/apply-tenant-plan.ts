import { ApplicationFailure, setHandler, workflowInfo } from '@temporalio/workflow';
import { catalogProxy, hostProxy } from '../instance/activity-options';
import { applyPlanSignal, type ApplyPlanRequest } from '../messages';

export interface ApplyTenantPlanInput extends Partial<ApplyPlanRequest> {
  tenantId: string;
}

export interface AppliedInstance {
  instanceId: string;
  status: string;
  outcome: 'applied' | 'skipped' | 'failed';
  detail?: string;
}

export interface ApplyTenantPlanResult {
  /** more than one when changes arrived while a pass ran */
  passes: number;
  /** what the last pass did to each instance */
  instances: AppliedInstance[];
}

// the instance exists on its host and keeps its schedules; 'creating' is left to createInstance,
// which applies the plan again once it marked the instance running
// stopping/starting too: applyInstancePlan looks at the server itself (ALTER SYSTEM when it
// answers, the files when it does not) and its retries outlast a stop or start
const APPLIES_TO = new Set(['running', 'stopped', 'restoring', 'stopping', 'starting']);

/**
 * Brings every live instance of a tenant to its current plan after the plan, the plan's limits or
 * the tenant's retention changed: archive_timeout live and in the files a restart or swap reads,
 * pgbackrest.conf retention (on the instance's host), backup schedules at the plan's cadence
 * (here), one audit event per instance. Activities read the plan when they run, so a pass always
 * applies the newest one. An instance that fails is reported and the rest still get the plan.
 */
export async function applyTenantPlan(input: ApplyTenantPlanInput): Promise<ApplyTenantPlanResult> {
  const cp = catalogProxy();
  let queued: ApplyPlanRequest | null = null;
  setHandler(applyPlanSignal, (request) => {
    queued = request;
  });
  const takeQueued = (): ApplyPlanRequest | null => {
    const r = queued;
    queued = null;
    return r;
  };
  // signalWithStart's own signal is already queued here; a plain start carries it in the input
  let request: ApplyPlanRequest | null = takeQueued() ?? {
    requestedBy: input.requestedBy ?? null,
    reason: input.reason ?? 'plan.applied',
  };
  let passes = 0;
  let instances: AppliedInstance[] = [];
  while (request) {
    passes += 1;
    instances = await applyOnce(input.tenantId, request, cp);
    request = takeQueued();
  }
  const failed = instances.filter((i) => i.outcome === 'failed');
  if (failed.length > 0)
    throw ApplicationFailure.nonRetryable(
      `the plan of tenant ${input.tenantId} could not be applied to ${failed.length} instance(s): ${failed
        .map((f) => `${f.instanceId}: ${f.detail}`)
        .join('; ')}`,
    );
  return { passes, instances };
}

async function applyOnce(
  tenantId: string,
  request: ApplyPlanRequest,
  cp: ReturnType<typeof catalogProxy>,
): Promise<AppliedInstance[]> {
  const out: AppliedInstance[] = [];
  for (const target of await cp.listPlanTargets({ tenantId })) {
    const ref = { tenantId, instanceId: target.instanceId };
    if (!APPLIES_TO.has(target.status)) {
      out.push({
        ...ref,
        status: target.status,
        outcome: 'skipped',
        detail: `instance is ${target.status}`,
      });
      continue;
    }
    try {
      // a failing step is retried with backoff (minutes) before this instance counts as failed
      const host = hostProxy(target.hostId, { startToClose: '5 minutes', attempts: 8 });
      const settings = await host.applyInstancePlan(ref);
      const schedules = await cp.ensureBackupSchedules({
        ...ref,
        taskQueue: workflowInfo().taskQueue,
      });
      await cp.recordInstanceAudit({
        ...ref,
        action: 'instance.plan_applied',
        actorUserId: request.requestedBy,
        data: {
          reason: request.reason,
          archiveTimeoutSeconds: {
            from: settings.previousArchiveTimeoutSeconds,
            to: settings.archiveTimeoutSeconds,
          },
          retentionDays: { from: settings.previousRetentionDays, to: settings.retentionDays },
          live: settings.live,
          ...(settings.applied ? {} : { hostSettingsSkipped: settings.reason }),
          schedules: {
            created: schedules.created,
            updated: schedules.updated,
            removed: schedules.removed,
          },
        },
      });
      out.push({
        ...ref,
        status: target.status,
        outcome: 'applied',
        ...(settings.applied ? {} : { detail: `host settings skipped: ${settings.reason}` }),
      });
    } catch (err) {
      const detail = String(err);
      await cp.recordInstanceAudit({
        ...ref,
        action: 'instance.plan_apply_failed',
        actorUserId: request.requestedBy,
        data: { reason: request.reason, error: detail.slice(0, 1000) },
      });
      out.push({ ...ref, status: target.status, outcome: 'failed', detail });
    }
  }
  return out;
}
