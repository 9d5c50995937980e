// Browser-safe subset (`@rewind/core/client`): nothing here imports node:crypto, so client
// components can parse target times, check permissions and lay out windows.
export * from './errors/app-error';
export * from './auth/permissions';
export * from './time/parse-target-time';
export * from './postgres/lsn';
export * from './postgres/xid';
export * from './postgres/destructive-event';
export * from './window/restore-window';
export * from './restore/restore-target';
export * from './restore/restore-check';
export * from './restore/restore-mode';
export * from './restore/restore-phases';
export * from './restore/validation-query';
export * from './time-travel/table-restore';
export * from './time-travel/user-tables-sql';
export * from './instance/instance-name';
export * from './instance/instance-roles';
export * from './restore/clock-skew';
export * from './recoverability/dashboard-ranges';
