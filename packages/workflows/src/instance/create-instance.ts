import { ParentClosePolicy, executeChild } from '@temporalio/workflow';
import { restoreDrill } from '../drill/restore-drill';
import { workflowIds } from '../ids';
import { catalogProxy, hostProxy, type InstanceWorkflowInput } from './activity-options';
import { failInstance, protectInstance, watchInstance } from './protect-instance';

export type CreateInstanceInput = InstanceWorkflowInput;

export interface CreateInstanceResult {
  instanceId: string;
  status: 'running';
}

/**
 * Provisions a tenant instance on its host: initdb (archive_timeout from the plan), stanza on
 * both repos, start, then protectInstance (first full backup to both regions, catalog, running,
 * the plan as it is now: settings + backup schedules), then the monitor and the first drills.
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

    await protectInstance(input, facts, compensations);
  } catch (err) {
    await failInstance(input, compensations, err);
    throw err;
  }

  // phase: the monitor and the first drills outlive this workflow
  await watchInstance(input, facts.hostId, proveNewInstance);
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
