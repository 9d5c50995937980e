import { randomUUID } from 'node:crypto';
import { AppError } from '@rewind/core';
import { appendAuditEvent, getInstance, type AuditActor, type Tx } from '@rewind/db';
import { startWorkflow, workflowDefs } from '@rewind/workflows/start';
import { orchestrator } from '../orchestrator';
import type { ServiceDeps } from '../service-deps';

export type BackupType = 'full' | 'diff' | 'incr';

export interface AcceptedBackup {
  tenantId: string;
  instanceId: string;
  /** one workflow per request: a double-click starts one backup, not two */
  requestId: string;
  type: BackupType;
  requestedBy: string;
}

/**
 * POST /api/v1/instances/{id}/backups, inside the tenant transaction: only a running instance
 * is backed up (another tenant's is not_found like any unknown id); audited `backup.requested`.
 */
export async function requestBackup(
  tx: Tx,
  input: {
    tenantId: string;
    instanceId: string;
    type: BackupType;
    actor: AuditActor;
    requestedBy: string;
  },
): Promise<AcceptedBackup> {
  const row = await getInstance(tx, input.tenantId, input.instanceId);
  if (row.status !== 'running')
    throw new AppError(
      'conflict',
      `instance ${row.name} is ${row.status}; only a running instance can be backed up`,
    );
  const requestId = randomUUID();
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'backup.requested',
    target: { type: 'instance', id: row.id },
    data: { type: input.type, requestId },
  });
  return {
    tenantId: input.tenantId,
    instanceId: row.id,
    requestId,
    type: input.type,
    requestedBy: input.requestedBy,
  };
}

/** After commit: starts `takeBackup` (both regions, retention, catalog sync) under the server-built id. */
export async function startBackup(deps: ServiceDeps, b: AcceptedBackup): Promise<void> {
  const client = await orchestrator(deps, 'backups');
  await startWorkflow(client, workflowDefs.takeBackup, {
    id: [b.tenantId, b.instanceId, b.requestId],
    args: [
      { tenantId: b.tenantId, instanceId: b.instanceId, type: b.type, requestedBy: b.requestedBy },
    ],
  });
}
