import { Context } from '@temporalio/activity';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { recoverRepository, type RecoverRepositoryInput, type RecoverRepositoryResult } from './recover-repository';

/** Control-plane activities on the repositories themselves (the control plane's S3 identity). */
export function repositoryActivities(deps: ActivityDeps) {
  return {
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
