import { sleep } from '@temporalio/workflow';
import { catalogProxy, hostProxy } from './activity-options';
import type { InstanceActionInput } from './stop-start-instance';

export interface DeleteInstanceInput extends InstanceActionInput {
  /** how long backups outlive the instance; default the tenant's retention (tests pass 0) */
  keepBackupsSeconds?: number;
}

/**
 * Stops the instance and removes its data now; its backups and WAL stay restorable for the
 * retention period (a durable timer), then the stanza is deleted from both regions. A legal
 * hold keeps the stanza until the hold is lifted (checked when the timer fires).
 */
export async function deleteInstance(input: DeleteInstanceInput): Promise<void> {
  const cp = catalogProxy();
  const facts = await cp.loadInstanceFacts(input);
  const host = hostProxy(facts.hostId);

  // phase: stop taking backups, remove the running instance
  await cp.setInstanceStatus({ ...input, status: 'deleting' });
  await cp.deleteBackupSchedules(input);
  await host.destroyInstanceData({ stanza: facts.stanza });
  await cp.setInstanceStatus({ ...input, status: 'deleted' });
  await cp.recordInstanceAudit({ ...input, action: 'instance.deleted', actorUserId: input.requestedBy ?? null });

  // phase: retention, then the stanza goes
  const keepSeconds = input.keepBackupsSeconds ?? facts.plan.retentionDays * 86_400;
  if (keepSeconds > 0) await sleep(`${keepSeconds} seconds`);
  for (;;) {
    const now = await cp.loadInstanceFacts(input);
    if (!now.legalHold) break;
    await sleep('1 day');
  }
  await host.deleteStanza({ stanza: facts.stanza });
  await host.destroyInstance({ instanceId: facts.stanza });
  await cp.recordInstanceAudit({ ...input, action: 'instance.backups_deleted' });
}
