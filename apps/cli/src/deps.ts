// One import point for the commands, so they read as a list of what they use.
export { AppError, isAppError, type StackEnv as StackEnvLike } from '@rewind/core';
export { createDb, createPlatformDb, listTenants, loadStackEnv, repoRoot } from '@rewind/db';
export { createCliToken } from '@rewind/services';
export { eq, instances } from '@rewind/db';
export { parseTargetTime } from '@rewind/core';
export { Client, Connection } from '@temporalio/client';
export { workflowIds } from '@rewind/workflows/ids';
export { CONTROL_PLANE_QUEUE } from '@rewind/workflows/task-queues';
export type { RecoverRepositoryResult } from '@rewind/workflows';
export type { recoverRepository as RecoverRepositoryWorkflow } from '@rewind/workflows';
