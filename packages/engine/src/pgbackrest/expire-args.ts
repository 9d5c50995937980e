import type { RepoIndex } from '../engine-config';

export interface ExpireArgsInput {
  repo: RepoIndex;
  /**
   * Days of full backups to keep, from the tenant's current plan. Given on the command line it
   * overrides the value pgbackrest.conf was written with, so expiry never trusts a stale file.
   */
  retentionFullDays?: number;
}

/** Options of one `pgbackrest expire` besides config, stanza and `--repo` (pure, for tests). */
export function buildExpireArgs(input: ExpireArgsInput): string[] {
  if (input.retentionFullDays === undefined) return [];
  const days = input.retentionFullDays;
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`repo${input.repo} retention must be a whole number of days ≥ 1, got ${days}`);
  return [
    `--repo${input.repo}-retention-full-type=time`,
    `--repo${input.repo}-retention-full=${days}`,
  ];
}
