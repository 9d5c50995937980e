import { sleep } from '@temporalio/workflow';
import { catalogProxy, hostProxy } from './activity-options';
import { errorMessage, type InstanceActionInput } from './stop-start-instance';

export interface DeleteInstanceInput extends InstanceActionInput {
  /** how long backups outlive the instance; default the tenant's retention (tests pass 0) */
  keepBackupsSeconds?: number;
}

/**
 * Stops the instance and removes its data now (status `deleted`; a failure here ends in
 * `failed`); its backups and WAL are kept for the retention period (a durable timer), then the
 * stanza is deleted from both regions. A legal hold keeps the stanza until the hold is lifted
 * (checked when the timer fires). Started by DELETE /api/v1/instances/{id}.
 */
export async function deleteInstance(input: DeleteInstanceInput): Promise<void> {
  const cp = catalogProxy();
  let facts: Awaited<ReturnType<typeof cp.loadInstanceFacts>>;
  let host: ReturnType<typeof hostProxy>;

  // phase: stop taking backups, remove the running instance
  try {
    facts = await cp.loadInstanceFacts(input);
    host = hostProxy(facts.hostId);
    await cp.setInstanceStatus({ ...input, status: 'deleting' });
    await cp.deleteBackupSchedules(input);
    await host.destroyInstanceData({ stanza: facts.stanza });
  } catch (err) {
    // Not `deleting` forever (that refuses every later request): `failed` is honest (its
    // schedules may be gone, its data partly), and a failed instance may be deleted again.
    await cp.setInstanceStatus({ ...input, status: 'failed' });
    await cp.recordInstanceAudit({
      ...input,
      action: 'instance.delete_failed',
      actorUserId: input.requestedBy ?? null,
      data: { error: errorMessage(err).slice(0, 2000) },
    });
    throw err;
  }
  await cp.setInstanceStatus({ ...input, status: 'deleted' });
  await cp.recordInstanceAudit({
    ...input,
    action: 'instance.deleted',
    actorUserId: input.requestedBy ?? null,
  });

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
