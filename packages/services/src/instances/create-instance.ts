import {
  appendAuditEvent,
  createInstanceRecord,
  inTenantTx,
  setInstanceStatus,
  type AuditActor,
  type Tx,
} from '@rewind/db';
import { startWorkflow, workflowDefs } from '@rewind/workflows/start';
import { orchestrator } from '../orchestrator';
import type { ServiceDeps } from '../service-deps';

export interface CreateInstanceRequest {
  tenantId: string;
  name: string;
  actor: AuditActor;
  /** where the instance is placed, and the key its password is encrypted with */
  hostId: string;
  secretKey: string;
}

/**
 * POST /api/v1/instances, inside the tenant transaction: the record (createInstanceRecord answers
 * conflict for a taken name or the plan's limit, unavailable for no host or port) and
 * `instance.created`. The caller starts the workflow after commit (`startCreateInstance`).
 */
export async function requestCreateInstance(
  tx: Tx,
  input: CreateInstanceRequest,
): Promise<{ id: string; status: string }> {
  const row = await createInstanceRecord(tx, {
    tenantId: input.tenantId,
    name: input.name,
    hostId: input.hostId,
    secretKey: input.secretKey,
  });
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'instance.created',
    target: { type: 'instance', id: row.id },
    data: { name: input.name },
  });
  return { id: row.id, status: row.status };
}

/**
 * After the record committed (so the workflow's first activity always finds it): starts the
 * provisioning workflow. Without it the record would sit in `creating` forever and hold the
 * name, so a failed start marks it `failed` before the error goes to the caller.
 */
export async function startCreateInstance(
  deps: ServiceDeps,
  input: { tenantId: string; instanceId: string },
): Promise<void> {
  try {
    const client = await orchestrator(deps, 'instances');
    await startWorkflow(client, workflowDefs.createInstance, {
      id: [input.tenantId, input.instanceId],
      args: [{ tenantId: input.tenantId, instanceId: input.instanceId }],
    });
  } catch (err) {
    await markCreateFailed(deps, input);
    throw err;
  }
}

async function markCreateFailed(
  deps: ServiceDeps,
  input: { tenantId: string; instanceId: string },
): Promise<void> {
  try {
    await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
      setInstanceStatus(tx, input.tenantId, input.instanceId, 'failed'),
    );
  } catch (err) {
    console.error('[instances] could not mark instance failed', input.instanceId, err);
  }
}
