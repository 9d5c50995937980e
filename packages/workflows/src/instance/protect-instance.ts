import { ParentClosePolicy, patched, startChild, workflowInfo } from '@temporalio/workflow';
import { workflowIds } from '../ids';
import { catalogProxy, hostProxy, type InstanceWorkflowInput } from './activity-options';
import { instanceMonitor } from './instance-monitor';

/**
 * What every instance gets once its data serves and archives into its own stanza, whether it
 * was provisioned (createInstance) or kept from a clone (keepClone): the first full backup in
 * both regions, the catalog, status running, the plan as it is now (settings + backup
 * schedules) and the `instance.ready` audit. Pushes the schedules' undo onto `compensations`.
 * The order of its steps is createInstance's history: keep it.
 */
export async function protectInstance(
  input: InstanceWorkflowInput,
  facts: { hostId: string; stanza: string },
  compensations: (() => Promise<unknown>)[],
  readyData: Record<string, unknown> = {},
): Promise<void> {
  const cp = catalogProxy();
  const host = hostProxy(facts.hostId, { startToClose: '30 minutes' });
  // phase: first full backup, both regions
  for (const repo of [1, 2] as const)
    await host.backupInstance({
      instanceId: facts.stanza,
      type: 'full',
      repo,
      expireAuto: false,
    });

  // phase: catalog + schedules + status
  await host.syncCatalog(input);
  compensations.push(() => cp.deleteBackupSchedules(input));
  if (patched('apply-plan-once-running')) {
    // applyTenantPlan skips instances still creating, and initdb read the plan long ago: flip
    // to running first, then read the plan again, so a change committed meanwhile is applied
    // either here or by an applyTenantPlan pass that sees this instance running
    await cp.setInstanceStatus({ ...input, status: 'running' });
    await host.applyInstancePlan(input);
    await cp.ensureBackupSchedules({ ...input, taskQueue: workflowInfo().taskQueue });
  } else {
    await cp.ensureBackupSchedules({ ...input, taskQueue: workflowInfo().taskQueue });
    await cp.setInstanceStatus({ ...input, status: 'running' });
  }
  await cp.recordInstanceAudit({
    ...input,
    action: 'instance.ready',
    data: { hostId: facts.hostId, ...readyData },
  });
}

/**
 * After protectInstance: the monitor (catalog sync, probes) and the first drills, one per
 * region, so nobody trusts a window that was never restored. Both outlive the caller.
 */
export async function watchInstance(
  input: InstanceWorkflowInput,
  hostId: string,
  proveNewInstance: (input: InstanceWorkflowInput) => Promise<void>,
): Promise<void> {
  await startChild(instanceMonitor, {
    workflowId: workflowIds.catalogSync(input.tenantId, input.instanceId),
    args: [{ ...input, hostId }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  // the drills wait (minutes: archive_timeout) for a commit archived after the first backup and
  // run one after the other in the background
  if (patched('prove-new-instance')) {
    await startChild(proveNewInstance, {
      workflowId: workflowIds.drill(input.tenantId, input.instanceId, 'new-instance'),
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
}

/**
 * A provisioning that failed: undo what was made, in reverse order (one failed step must not
 * leave the rest behind), then status failed and `instance.failed` with why.
 */
export async function failInstance(
  input: InstanceWorkflowInput,
  compensations: (() => Promise<unknown>)[],
  err: unknown,
  data: Record<string, unknown> = {},
): Promise<void> {
  for (const undo of [...compensations].reverse()) {
    try {
      await undo();
    } catch {
      // keep undoing
    }
  }
  const cp = catalogProxy();
  await cp.setInstanceStatus({ ...input, status: 'failed' });
  await cp.recordInstanceAudit({
    ...input,
    action: 'instance.failed',
    data: { error: String(err), ...data },
  });
}
