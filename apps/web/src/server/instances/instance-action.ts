import 'server-only';
import { AppError, assertLifecycleAllowed, IN_PROGRESS_STATUS, type InstanceAction } from '@rewind/core';
import {
  and,
  appendAuditEvent,
  eq,
  inTenantTx,
  instances,
  lockInstanceForLifecycle,
  setInstanceStatus,
  tenantWhere,
  type InstanceStatus,
  type Tx,
} from '@rewind/db';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { z } from 'zod';
import type { InstanceActionAccepted } from '../../lib/api-types';
import type { Principal } from '../auth/principal';
import { auditActor } from '../audit/audit-actor';
import { appDb } from '../db';
import { temporalClient } from '../temporal';
import { CONTROL_PLANE_QUEUE } from './create-instance';

/** stop/start take no options; an unknown field is refused rather than silently ignored */
export const instanceActionBody = z.object({}).strict();

/** What the route answers (202) and what the after-commit step needs to start the workflow. */
export interface AcceptedInstanceAction {
  action: InstanceAction;
  tenantId: string;
  instanceId: string;
  name: string;
  /** the status before the request: put back if the workflow cannot be started */
  previousStatus: InstanceStatus;
  status: (typeof IN_PROGRESS_STATUS)[InstanceAction];
  requestedBy: string;
}

/**
 * Inside the request's tenant transaction: locks the instance (another tenant's or an unknown id
 * is not_found, by RLS and the tenant where-builder), refuses with 409 what its state does not
 * allow (rules in @rewind/core `lifecycleRefusal`), moves it to the in-progress status at once,
 * so a second request sees it, and records `instance.<action>_requested` in the audit trail.
 * The caller starts the workflow after commit (`startInstanceActionWorkflow`).
 */
export async function beginInstanceAction(
  tx: Tx,
  input: { tenantId: string; instanceId: string; action: InstanceAction; principal: Principal },
): Promise<AcceptedInstanceAction> {
  const { instance, activeRestores } = await lockInstanceForLifecycle(tx, input.tenantId, input.instanceId);
  assertLifecycleAllowed(input.action, {
    name: instance.name,
    status: instance.status,
    kind: instance.kind,
    legalHold: instance.legalHold,
    activeRestores,
  });
  const status = IN_PROGRESS_STATUS[input.action];
  await setInstanceStatus(tx, input.tenantId, instance.id, status);
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: auditActor(input.principal),
    action: `instance.${input.action}_requested`,
    target: { type: 'instance', id: instance.id },
    data: { name: instance.name, from: instance.status },
  });
  return {
    action: input.action,
    tenantId: input.tenantId,
    instanceId: instance.id,
    name: instance.name,
    previousStatus: instance.status,
    status,
    requestedBy: input.principal.userId,
  };
}

/**
 * After commit: starts the action's workflow under the server-built id. If it cannot be started,
 * nothing has touched the instance yet, so its status goes back to what it was (otherwise it
 * would read `stopping` forever and refuse every later request) and the client gets 503 / 409.
 */
export async function startInstanceActionWorkflow(
  accepted: AcceptedInstanceAction,
  workflow: { type: string; workflowId: string; args: unknown[] },
): Promise<void> {
  try {
    const client = await temporalClient().catch((err: unknown) => {
      console.error('[instances] temporal unreachable', err);
      throw new AppError('unavailable', 'the orchestrator is unavailable; try again shortly');
    });
    await client.workflow.start(workflow.type, {
      taskQueue: CONTROL_PLANE_QUEUE,
      workflowId: workflow.workflowId,
      args: workflow.args,
    });
  } catch (err) {
    await revertStatus(accepted);
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      throw new AppError('conflict', `an earlier ${accepted.action} of instance ${accepted.name} is still finishing; try again shortly`);
    throw err;
  }
}

async function revertStatus(a: AcceptedInstanceAction): Promise<void> {
  try {
    await inTenantTx(appDb().db, { tenantId: a.tenantId }, (tx) =>
      tx
        .update(instances)
        .set({ status: a.previousStatus, updatedAt: new Date() })
        // only if nothing else moved it meanwhile
        .where(and(tenantWhere(instances, a.tenantId), eq(instances.id, a.instanceId), eq(instances.status, a.status))),
    );
  } catch (err) {
    console.error('[instances] could not put the status back', a.instanceId, err);
  }
}

/** The 202 body: the instance and the status it is in now. */
export function acceptedResponse(a: AcceptedInstanceAction): Response {
  const body: InstanceActionAccepted = { id: a.instanceId, status: a.status };
  return Response.json(
    body,
    { status: 202, headers: { location: `/api/v1/instances/${a.instanceId}`, 'cache-control': 'no-store' } },
  );
}
