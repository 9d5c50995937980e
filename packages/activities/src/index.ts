export { createActivities } from './create-activities';
export type { Activities } from './create-activities';
export type { ActivityDeps } from './deps';
export type { ProbeHostResult } from './host/probe-host';
