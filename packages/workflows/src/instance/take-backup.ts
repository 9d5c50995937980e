import { ApplicationFailure, log, patched } from '@temporalio/workflow';
import { catalogProxy, hostProxy, type InstanceWorkflowInput } from './activity-options';

export interface TakeBackupInput extends InstanceWorkflowInput {
  type: 'full' | 'diff' | 'incr';
  /** user id of whoever asked; absent when a Schedule started it */
  requestedBy?: string | null;
}

export interface TakeBackupResult {
  skipped?: string;
  regions: { repo: 1 | 2; ok: boolean; error?: string }[];
  expired: boolean;
}

/**
 * One backup to both regions (repo1 = A, then repo2 = B), then retention, then a catalog sync so
 * the window moves at once. A region that fails does not stop the other; the workflow fails
 * only when neither region got the backup.
 */
export async function takeBackup(input: TakeBackupInput): Promise<TakeBackupResult> {
  const cp = catalogProxy();
  const ref = { tenantId: input.tenantId, instanceId: input.instanceId };
  const facts = await cp.loadInstanceFacts(ref);
  if (facts.status !== 'running')
    return { skipped: `instance is ${facts.status}`, regions: [], expired: false };
  const host = hostProxy(facts.hostId, { startToClose: '6 hours', attempts: 2 });

  // phase: backup, one region at a time (two at once would double the load on the instance)
  const regions: TakeBackupResult['regions'] = [];
  for (const repo of [1, 2] as const) {
    try {
      await host.backupInstance({
        instanceId: facts.stanza,
        type: input.type,
        repo,
        expireAuto: false,
      });
      regions.push({ repo, ok: true });
    } catch (err) {
      log.warn('backup to one region failed', { repo, error: String(err) });
      regions.push({ repo, ok: false, error: String(err) });
    }
  }

  // phase: retention, unless a legal hold keeps everything. Hold and retention are read again
  // (a backup can take hours; a hold placed or retention changed meanwhile must count) and the
  // retention goes on expire's command line, so a pgbackrest.conf older than the change is moot.
  const now = patched('expire-with-current-retention') ? await cp.loadInstanceFacts(ref) : facts;
  let expired = false;
  if (!now.legalHold) {
    for (const r of regions.filter((x) => x.ok)) {
      await host.expireRepo({
        instanceId: facts.stanza,
        repo: r.repo,
        retentionFullDays: now.plan.retentionDays,
      });
    }
    expired = true;
  }

  // phase: catalog
  await host.syncCatalog(ref);
  // the info files' locks, a full lock period ahead again (pgBackRest rewrites archive.info never);
  // failing here must not fail a backup that is in both regions: it is retried at the next one
  if (patched('refresh-repository-locks')) {
    try {
      const locks = await cp.refreshRepositoryLocks(ref);
      for (const r of locks.regions.filter((x) => x.error))
        log.warn('could not extend repository locks', r);
    } catch (err) {
      log.warn('could not extend repository locks', { error: String(err) });
    }
  }
  const ok = regions.some((r) => r.ok);
  await cp.recordInstanceAudit({
    ...ref,
    action: ok ? 'backup.completed' : 'backup.failed',
    actorUserId: input.requestedBy ?? null,
    data: {
      type: input.type,
      regions,
      expired,
      ...(expired ? { retentionDays: now.plan.retentionDays } : {}),
      scheduled: !input.requestedBy,
    },
  });
  if (!ok)
    throw ApplicationFailure.nonRetryable(
      `backup of instance ${input.instanceId} failed in every region: ${regions.map((r) => r.error).join('; ')}`,
    );
  return { regions, expired };
}
