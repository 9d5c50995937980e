// One import point for the commands, so they read as a list of what they use.
export {
  AppError,
  isAppError,
  temporalConnectOptions,
  type StackEnv as StackEnvLike,
} from '@rewind/core';
export { createDb, createPlatformDb, listTenants, loadStackEnv, repoRoot } from '@rewind/db';
export { createCliToken, recoverRepositoryAsOf } from '@rewind/services';
export { Client, Connection } from '@temporalio/client';
