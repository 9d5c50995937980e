// The worker's `workflowsPath`: every workflow function exported here is registered.
export { stackProbe } from './stack-probe';
export type { StackProbeInput, StackProbeResult } from './stack-probe';
export { auditExportSweep } from './audit-export-sweep';
export type { AuditExportSweepResult } from './audit-export-sweep';
export { createInstance, proveNewInstance } from './instance/create-instance';
export type { CreateInstanceInput, CreateInstanceResult } from './instance/create-instance';
export { keepClone } from './instance/keep-clone';
export type { KeepCloneInput, KeepCloneResult } from './instance/keep-clone';
export { stopInstance, startInstance } from './instance/stop-start-instance';
export type { InstanceActionInput } from './instance/stop-start-instance';
export { deleteInstance } from './instance/delete-instance';
export type { DeleteInstanceInput } from './instance/delete-instance';
export { takeBackup } from './instance/take-backup';
export type { TakeBackupInput, TakeBackupResult } from './instance/take-backup';
export { instanceMonitor } from './instance/instance-monitor';
export type { InstanceMonitorInput } from './instance/instance-monitor';
export { findWalEvents } from './instance/find-wal-events';
export { resolveRelationNames } from './instance/resolve-relation-names';
export type { FindWalEventsInput } from './instance/find-wal-events';
export { diffRestoreClone } from './restore/diff-restore-clone';
export type { DiffCloneInput } from './restore/diff-restore-clone';
export { restoreToPointInTime } from './restore/restore-to-point-in-time';
export type {
  RestoreToPointInTimeInput,
  RestoreToPointInTimeResult,
} from './restore/restore-to-point-in-time';
export { applyTenantPlan } from './tenant/apply-tenant-plan';
export type {
  ApplyTenantPlanInput,
  ApplyTenantPlanResult,
  AppliedInstance,
} from './tenant/apply-tenant-plan';
export { restoreDrill } from './drill/restore-drill';
export { checkRepositories } from './drill/check-repositories';
export type { CheckRepositoriesInput, CheckRepositoriesResult } from './drill/check-repositories';
export type { RestoreDrillInput, RestoreDrillResult } from './drill/restore-drill';
export { recoverRepository } from './repository/recover-repository';
export type {
  RecoverRepositoryWorkflowInput,
  RecoverRepositoryResult,
} from './repository/recover-repository';
export { deliverAlert } from './alerts/deliver-alert';
export type { DeliverAlertInput } from './alerts/deliver-alert';
export { runConsoleQuery } from './time-travel/run-console-query';
export type { ConsoleQueryInput } from './time-travel/run-console-query';
export { restoreTables } from './time-travel/restore-tables';
export type { RestoreTablesInput, RestoreTablesResult } from './time-travel/restore-tables';
