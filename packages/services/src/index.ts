// Flows that web and CLI share: the database side runs in the caller's tenant transaction, the
// "after commit" side (start a workflow, put the status back if it cannot start) takes ServiceDeps.
export type { ServiceDeps } from './service-deps';
export * from './instances/create-instance';
export * from './instances/instance-action';
export * from './instances/stop-instance';
export * from './instances/start-instance';
export * from './instances/delete-instance';
export * from './instances/request-backup';
export * from './instances/set-legal-hold';
export * from './instances/find-wal-events';
export * from './restores/request-restore';
export * from './restores/decide-restore';
export * from './restores/deliver-approval';
export * from './restores/cancel-restore';
export * from './restores/undo-restore';
export * from './tenancy/apply-tenant-plan';
export * from './tenancy/change-tenant-settings';
export * from './tenancy/add-member';
export * from './tenancy/change-member-role';
export * from './tenancy/remove-member';
export * from './tokens/create-token';
export * from './tokens/revoke-token';
export * from './tokens/create-cli-token';
export * from './admin/update-plan-limits';
export * from './admin/move-tenant-to-plan';
export * from './audit/record-login';
export * from './audit/record-token-use';
export * from './auth/sign-in-with-password';
