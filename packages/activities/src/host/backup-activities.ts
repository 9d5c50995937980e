import type { BackupResult, BackupType, RepoIndex, StanzaInfo, VerifyResult } from '@rewind/engine';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';

export function backupActivities(deps: ActivityDeps) {
  const { engine } = deps;
  return {
    /** one repo per call so a failing region is retried alone and reported by name */
    async backupInstance(input: {
      instanceId: string;
      type: BackupType;
      repo: RepoIndex;
      expireAuto?: boolean;
    }): Promise<BackupResult> {
      return withHeartbeat(() => engine.backup(input), { phase: 'backup', repo: input.repo });
    },
    async readBackupInfo(input: { instanceId: string; repo?: RepoIndex }): Promise<StanzaInfo> {
      return engine.info(input);
    },
    async verifyRepo(input: { instanceId: string; repo: RepoIndex }): Promise<VerifyResult> {
      return withHeartbeat(() => engine.verify(input), { phase: 'verify', repo: input.repo });
    },
    /**
     * `retentionFullDays` is the tenant's retention as the workflow just read it from the catalog:
     * it overrides pgbackrest.conf, which may predate a retention change. Legal holds are the
     * caller's to honour (takeBackup does not call this under a hold).
     */
    async expireRepo(input: {
      instanceId: string;
      repo: RepoIndex;
      retentionFullDays: number;
    }): Promise<void> {
      await withHeartbeat(() => engine.expire(input), { phase: 'expire', repo: input.repo });
    },
    async checkArchiving(input: { instanceId: string }): Promise<void> {
      await withHeartbeat(() => engine.check(input), { phase: 'check' });
    },
  };
}
