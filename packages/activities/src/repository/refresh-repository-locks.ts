import { REPOSITORY_LOCK_MODE } from '@rewind/core';
import { REPOSITORY_LOCK_DAYS } from '@rewind/db/seed';
import { setObjectRetention, type RegionClient } from '@rewind/storage';
import { archivePrefix, backupPrefix } from '../data-plane/archive-keys';

export interface RefreshLocksResult {
  regions: { region: string; extended: string[]; error?: string }[];
}

/**
 * The bucket's default retention locks a version for REPOSITORY_LOCK_DAYS from its creation, and
 * pgBackRest writes `archive.info` only at stanza-create: past that period its only version would
 * be deletable with the hosts' key, and no repository can be read without it. So after each backup
 * the control plane extends the lock of the info files' current versions to a full period from
 * now (extending a lock needs no bypass; backup files and WAL a restore in the window needs are
 * younger than the period by construction).
 */
export async function refreshRepositoryLocks(
  regions: readonly RegionClient[],
  stanza: string,
  now: Date = new Date(),
): Promise<RefreshLocksResult> {
  const keys = [
    `${archivePrefix(stanza)}archive.info`,
    `${archivePrefix(stanza)}archive.info.copy`,
    `${backupPrefix(stanza)}backup.info`,
    `${backupPrefix(stanza)}backup.info.copy`,
  ];
  const retainUntil = new Date(now.getTime() + REPOSITORY_LOCK_DAYS * 86_400_000);
  const out: RefreshLocksResult['regions'] = [];
  for (const client of regions) {
    const extended: string[] = [];
    try {
      for (const key of keys) {
        await setObjectRetention(client, key, undefined, {
          mode: REPOSITORY_LOCK_MODE,
          retainUntil,
        });
        extended.push(key);
      }
      out.push({ region: client.region.name, extended });
    } catch (err) {
      out.push({ region: client.region.name, extended, error: (err as Error).message });
    }
  }
  return { regions: out };
}
