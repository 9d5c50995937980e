/**
 * How long every object version in the repository buckets stays locked (S3 Object Lock
 * default retention), so a stolen data-plane key cannot destroy what a restore in the window
 * needs.
 *
 * A restore to the oldest second of a window of R days reads the full backup taken before
 * that second, which is up to one full-backup interval older: R + interval. The margin covers
 * the time it takes to notice an attack and recover (the versions must still be locked then).
 *
 * Mode GOVERNANCE, not COMPLIANCE: the hosts' identity has neither Admin nor
 * BypassGovernanceRetention, so governance stops a stolen host key exactly as compliance
 * would, while the control plane's identity can still remove versions early when it must
 * (a tenant's erasure request, a deleted instance past its retention, a lock period set too
 * long by mistake). Under COMPLIANCE any such mistake would be permanent storage cost.
 * The audit bucket keeps COMPLIANCE: that is evidence nobody may shorten.
 */
export const REPOSITORY_LOCK_MODE = 'GOVERNANCE' as const;
export const REPOSITORY_LOCK_MARGIN_DAYS = 7;

export interface PlanRetentionFacts {
  retentionDaysMax: number;
  fullBackupEverySeconds: number;
}

export function repositoryLockDays(
  plans: readonly PlanRetentionFacts[],
  marginDays: number = REPOSITORY_LOCK_MARGIN_DAYS,
): number {
  if (plans.length === 0) throw new Error('no plans: the repository lock period derives from them');
  const needed = Math.max(
    ...plans.map((p) => p.retentionDaysMax + Math.ceil(p.fullBackupEverySeconds / 86_400)),
  );
  return needed + marginDays;
}
