import {
  ParentClosePolicy,
  executeChild,
  patched,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { restoreDrill } from '../drill/restore-drill';
import { workflowIds } from '../ids';
import { catalogProxy, hostProxy, type InstanceWorkflowInput } from './activity-options';
import { instanceMonitor } from './instance-monitor';

export type CreateInstanceInput = InstanceWorkflowInput;

export interface CreateInstanceResult {
  instanceId: string;
  status: 'running';
}

/**
 * Provisions a tenant instance on its host: initdb (archive_timeout from the plan), stanza on
 * both repos, start, first full backup to both regions, catalog, running, the plan as it is now
 * (settings + backup schedules), monitor.
 * Any failure undoes what was made (schedules, stanza, process, directory) and marks it failed.
 */
export async function createInstance(input: CreateInstanceInput): Promise<CreateInstanceResult> {
  const cp = catalogProxy();
  const facts = await cp.loadInstanceFacts(input);
  const host = hostProxy(facts.hostId, { startToClose: '30 minutes' });
  const compensations: (() => Promise<unknown>)[] = [];
  try {
    // phase: provision (compensations run in reverse: stanza-delete needs the config in the dir)
    compensations.push(() => host.destroyInstance({ instanceId: facts.stanza }));
    compensations.push(() => host.deleteStanza({ stanza: facts.stanza }));
    await host.provisionInstance(input);

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
      data: { hostId: facts.hostId },
    });
  } catch (err) {
    for (const undo of compensations.reverse()) {
      try {
        await undo();
      } catch {
        // keep undoing: one failed step must not leave the rest behind
      }
    }
    await cp.setInstanceStatus({ ...input, status: 'failed' });
    await cp.recordInstanceAudit({
      ...input,
      action: 'instance.failed',
      data: { error: String(err) },
    });
    throw err;
  }

  // phase: the monitor outlives this workflow
  await startChild(instanceMonitor, {
    workflowId: workflowIds.catalogSync(input.tenantId, input.instanceId),
    args: [{ ...input, hostId: facts.hostId }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });

  // phase: prove the new instance at once, one drill per region, so nobody trusts a window that
  // was never restored. They wait (minutes: archive_timeout) for a commit archived after the
  // first backup, run one after the other in the background and outlive this workflow.
  if (patched('prove-new-instance')) {
    await startChild(proveNewInstance, {
      workflowId: workflowIds.drill(input.tenantId, input.instanceId, 'new-instance'),
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  return { instanceId: input.instanceId, status: 'running' };
}

/** A new instance's first drills: region A, then region B (each pinned to its region). */
export async function proveNewInstance(input: CreateInstanceInput): Promise<void> {
  const cp = catalogProxy();
  for (const region of await cp.drillRegions()) {
    await executeChild(restoreDrill, {
      workflowId: workflowIds.drill(input.tenantId, input.instanceId, `new-instance-${region}`),
      args: [
        {
          ...input,
          trigger: 'new_instance',
          region,
          waitForWindowSeconds: 15 * 60,
          cloneTtlSeconds: 60,
        },
      ],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
}
