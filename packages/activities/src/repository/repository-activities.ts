import { Context } from '@temporalio/activity';
import { loadInstanceFacts, type InstanceRef } from '../data-plane/instance-facts';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import {
  recoverRepository,
  type RecoverRepositoryInput,
  type RecoverRepositoryResult,
} from './recover-repository';
import { refreshRepositoryLocks, type RefreshLocksResult } from './refresh-repository-locks';

/** Control-plane activities on the repositories themselves (the control plane's S3 identity). */
export function repositoryActivities(deps: ActivityDeps) {
  return {
    /** after each backup: keeps the info files of the instance's repositories locked a full period ahead */
    async refreshRepositoryLocks(ref: InstanceRef): Promise<RefreshLocksResult> {
      const facts = await loadInstanceFacts(deps, ref);
      return refreshRepositoryLocks([deps.regions.a, deps.regions.b], facts.stanza);
    },
    async recoverRepositoryAsOf(input: RecoverRepositoryInput): Promise<RecoverRepositoryResult> {
      let attempt = 1;
      try {
        attempt = Context.current().info.attempt;
      } catch {
        // outside an activity (a script): first attempt
      }
      return withHeartbeat(() =>
        recoverRepository(
          { db: deps.db, platformDb: deps.platformDb, regions: deps.regions },
          { ...input, retry: input.retry === true || attempt > 1 },
        ),
      );
    },
  };
}
