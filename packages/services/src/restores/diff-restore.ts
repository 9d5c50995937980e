import { randomUUID } from 'node:crypto';
import { AppError, type CloneDiff } from '@rewind/core';
import { getInstance, getRestore, type Tx } from '@rewind/db';
import { executeWorkflow, workflowDefs } from '@rewind/workflows/start';
import { orchestrator } from '../orchestrator';
import type { ServiceDeps } from '../service-deps';

/**
 * GET /api/v1/restores/{id}/diff: the clone a restore made against its source, table by table.
 * Refused (nothing read) unless the restore made a clone that is running, or is a replace whose
 * verified copy awaits its cutover (so the diff is seen before the swap is confirmed). The comparison runs on
 * the host of both, through a short workflow this call waits for.
 */
export async function diffRestore(
  deps: ServiceDeps,
  tx: Tx,
  input: { tenantId: string; restoreId: string },
): Promise<CloneDiff> {
  // another tenant's restore is not_found like any unknown id
  const restore = await getRestore(tx, input.tenantId, input.restoreId);
  // a replace has a copy to compare only while it waits for its cutover to be confirmed
  const staging = restore.mode === 'replace';
  if (staging && (restore.status !== 'running' || restore.phase !== 'awaiting_cutover'))
    throw new AppError(
      'conflict',
      `restore ${restore.id} is ${restore.status} (phase ${restore.phase}): a replace's copy can be compared only while it awaits its cutover (requested with confirmCutover)`,
    );
  if (!staging && restore.status !== 'succeeded')
    throw new AppError(
      'conflict',
      `restore ${restore.id} is ${restore.status}: its clone can be compared once the restore has succeeded`,
    );
  if (!restore.resultInstanceId)
    throw new AppError('conflict', `restore ${restore.id} has made no copy to compare`);
  const clone = await getInstance(tx, input.tenantId, restore.resultInstanceId, {
    includeDeleted: true,
  });
  // the replace's verified copy runs but is never handed over (its record stays `restoring`)
  if (clone.status !== (staging ? 'restoring' : 'running'))
    throw new AppError(
      'conflict',
      `clone ${clone.name} is ${clone.status}; only a running clone can be compared with its source`,
    );
  const source = await getInstance(tx, input.tenantId, restore.instanceId);
  if (source.status !== 'running')
    throw new AppError(
      'conflict',
      `instance ${source.name} is ${source.status}; start it to compare the clone with it`,
    );
  const client = await orchestrator(deps, 'restore-diff');
  return executeWorkflow(client, workflowDefs.diffRestoreClone, {
    id: [input.tenantId, source.id, restore.id, randomUUID()],
    args: [{ tenantId: input.tenantId, restoreId: restore.id, sourceInstanceId: source.id }],
    options: { workflowExecutionTimeout: '20 minutes' },
  });
}
