import type { ActivityDeps } from './deps';
import { backupActivities } from './host/backup-activities';
import { instanceActivities } from './host/instance-activities';
import { probeHostActivities } from './host/probe-host';

/** Every activity of the system, closed over its dependencies; grouped by domain in sub-folders. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...probeHostActivities(deps),
    ...instanceActivities(deps),
    ...backupActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
