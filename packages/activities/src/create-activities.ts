import type { ActivityDeps } from './deps';
import { backupActivities } from './host/backup-activities';
import { instanceActivities } from './host/instance-activities';
import { probeHostActivities } from './host/probe-host';
import { restoreActivities } from './restore';
import { catalogActivities } from './data-plane/catalog-activities';
import { hostDataPlaneActivities } from './data-plane/host-data-plane-activities';
import { auditActivities } from './audit/audit-activities';
import { drillActivities } from './drill/drill-activities';
import { repositoryActivities } from './repository/repository-activities';
import { alertActivities } from './alerts/alert-activities';
import { timeTravelActivities } from './time-travel';
import { relationNamesFromCloneActivities } from './data-plane/relation-names-from-clone';

/** Every activity of the system, closed over its dependencies; grouped by domain in sub-folders. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...probeHostActivities(deps),
    ...instanceActivities(deps),
    ...backupActivities(deps),
    ...restoreActivities(deps),
    ...catalogActivities(deps),
    ...hostDataPlaneActivities(deps),
    ...auditActivities(deps),
    ...drillActivities(deps),
    ...repositoryActivities(deps),
    ...alertActivities(deps),
    ...timeTravelActivities(deps),
    ...relationNamesFromCloneActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
