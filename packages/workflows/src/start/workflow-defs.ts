import type * as workflows from '../index';
import { workflowIds } from '../ids';
import { CONTROL_PLANE_QUEUE } from '../task-queues';

/** The registered workflow types: the names `index.ts` exports (the worker registers exactly those). */
export type WorkflowName = keyof typeof workflows;

/**
 * What a caller needs to start one workflow: its registered type (the export name, checked
 * against the function, whose type gives the args and the result), the id builder (ids are
 * built on the server, tenant first) and its queue.
 */
export interface WorkflowDef<N extends WorkflowName, IdParts extends unknown[]> {
  type: N;
  id: (...parts: IdParts) => string;
  taskQueue: string;
}

/** The function type of a workflow, e.g. `WorkflowFn<'restoreToPointInTime'>`. */
export type WorkflowFn<N extends WorkflowName> = (typeof workflows)[N];

function def<N extends WorkflowName, IdParts extends unknown[]>(
  type: N,
  id: (...parts: IdParts) => string,
  taskQueue: string = CONTROL_PLANE_QUEUE,
): WorkflowDef<N, IdParts> {
  return { type, id, taskQueue };
}

/** Every workflow the web, the CLI or the worker start from outside a workflow. */
export const workflowDefs = {
  createInstance: def('createInstance', workflowIds.createInstance),
  keepClone: def('keepClone', workflowIds.keepClone),
  stopInstance: def('stopInstance', workflowIds.stopInstance),
  startInstance: def('startInstance', workflowIds.startInstance),
  deleteInstance: def('deleteInstance', workflowIds.deleteInstance),
  takeBackup: def('takeBackup', workflowIds.backup),
  findWalEvents: def('findWalEvents', workflowIds.findWalEvents),
  resolveRelationNames: def('resolveRelationNames', workflowIds.relationNames),
  restoreToPointInTime: def('restoreToPointInTime', workflowIds.restore),
  diffRestoreClone: def('diffRestoreClone', workflowIds.restoreDiff),
  applyTenantPlan: def('applyTenantPlan', workflowIds.applyTenantPlan),
  runConsoleQuery: def('runConsoleQuery', workflowIds.consoleQuery),
  restoreTables: def('restoreTables', workflowIds.tableRestore),
} as const;
