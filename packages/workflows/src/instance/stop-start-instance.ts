import { catalogProxy, hostProxy, type InstanceWorkflowInput } from './activity-options';

export interface InstanceActionInput extends InstanceWorkflowInput {
  requestedBy?: string | null;
}

/** Fast shutdown (a checkpoint, so the last WAL is complete), then status `stopped`. */
export async function stopInstance(input: InstanceActionInput): Promise<void> {
  const cp = catalogProxy();
  const facts = await cp.loadInstanceFacts(input);
  await hostProxy(facts.hostId).stopInstance({ instanceId: facts.stanza, mode: 'fast' });
  await cp.setInstanceStatus({ ...input, status: 'stopped' });
  await cp.recordInstanceAudit({ ...input, action: 'instance.stopped', actorUserId: input.requestedBy ?? null });
}

export async function startInstance(input: InstanceActionInput): Promise<void> {
  const cp = catalogProxy();
  const facts = await cp.loadInstanceFacts(input);
  await hostProxy(facts.hostId).startInstance({ instanceId: facts.stanza });
  await cp.setInstanceStatus({ ...input, status: 'running' });
  await cp.recordInstanceAudit({ ...input, action: 'instance.started', actorUserId: input.requestedBy ?? null });
}
