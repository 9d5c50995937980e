export { timeTravelActivities } from './table-restore-activities';
export type { TableRestoreRef } from './table-restore-activities';
export type { ConsoleQueryInput } from './console-query';
