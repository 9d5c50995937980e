export { createActivities } from './create-activities';
export type { Activities } from './create-activities';
export type { ActivityDeps } from './deps';
export type { ProbeHostResult } from './host/probe-host';
export type { BackupScheduler, BackupScheduleSpec, EnsuredBackupSchedules } from './deps';
export type { ApplyInstancePlanResult } from './data-plane/apply-instance-plan';
export type { PlanTarget } from './data-plane/list-plan-targets';
export type { InstanceFacts, InstanceRef } from './data-plane/instance-facts';
export type { FindWalEventsInput } from './data-plane/wal-events';
export type {
  RelationNamesClone,
  RelationNamesFromCloneInput,
} from './data-plane/relation-names-from-clone';
export type { ConsoleQueryInput, TableRestoreRef } from './time-travel';
export type { DiffCloneInput } from './data-plane/diff-clone';
export type { SyncCatalogResult, RegionSyncResult } from './data-plane/sync-catalog';
export { segmentsOfKeys, archivePrefix, backupPrefix } from './data-plane/archive-keys';
export type { AuditExportResult } from './audit/export-audit-events';
export {
  exportTenantAuditEvents,
  auditExportKey,
  AUDIT_EXPORT_RETENTION_DAYS,
} from './audit/export-audit-events';
export type { RestoreRun, CloneRecord, RestoredFrom } from './restore';
export { recoverRepository, recoveredRepoPath } from './repository/recover-repository';
export type {
  RecoverRepositoryInput,
  RecoverRepositoryResult,
  RegionRecovery,
} from './repository/recover-repository';
export type { AlertChange } from './alerts/evaluate-instance-alerts';
export { alertDeliveryAttempts, alertWebhookBody } from './alerts/deliver-alert-webhook';
