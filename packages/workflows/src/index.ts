// The worker's `workflowsPath`: every workflow function exported here is registered.
export { stackProbe } from './stack-probe';
export type { StackProbeInput, StackProbeResult } from './stack-probe';
export { auditExportSweep } from './audit-export';
export type { AuditExportSweepResult } from './audit-export';
export { createInstance } from './instance/create-instance';
export type { CreateInstanceInput, CreateInstanceResult } from './instance/create-instance';
export { stopInstance, startInstance } from './instance/stop-start-instance';
export type { InstanceActionInput } from './instance/stop-start-instance';
export { deleteInstance } from './instance/delete-instance';
export type { DeleteInstanceInput } from './instance/delete-instance';
export { takeBackup } from './instance/take-backup';
export type { TakeBackupInput, TakeBackupResult } from './instance/take-backup';
export { instanceMonitor } from './instance/instance-monitor';
export type { InstanceMonitorInput } from './instance/instance-monitor';
export { walEvents } from './instance/find-wal-events';
export type { WalEventsInput } from './instance/find-wal-events';
export { restoreToPointInTime } from './restore/restore-to-point-in-time';
export type { RestoreToPointInTimeInput, RestoreToPointInTimeResult } from './restore/restore-to-point-in-time';
