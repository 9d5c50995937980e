import type { ActivityDeps } from '../deps';
import { restoreHostActivities } from './restore-host-activities';
import { restoreRecordActivities } from './restore-record-activities';
import { replaceHostActivities } from './replace-host-activities';

export type { RestoreRun, CloneRecord } from './restore-record-activities';
export type { RestoredFrom, RecoveryEnd } from './restore-host-activities';
export type { CutoverResult } from './replace-host-activities';

export function restoreActivities(deps: ActivityDeps) {
  return {
    ...restoreRecordActivities(deps),
    ...restoreHostActivities(deps),
    ...replaceHostActivities(deps),
  };
}
