// One import point for the commands, so they read as a list of what they use.
export { AppError, isAppError, type StackEnv as StackEnvLike } from '@rewind/core';
export {
  appendAuditEvent,
  createApiTokenRecord,
  createDb,
  createPlatformDb,
  eq,
  findUserByEmail,
  inTenantTx,
  listTenants,
  loadStackEnv,
  repoRoot,
  tenants,
} from '@rewind/db';
