import {
  AppError,
  assertLifecycleAllowed,
  IN_PROGRESS_STATUS,
  type InstanceAction,
} from '@rewind/core';
import {
  appendAuditEvent,
  inTenantTx,
  lockInstanceForLifecycle,
  revertInstanceStatus,
  setInstanceStatus,
  type AuditActor,
  type InstanceStatus,
  type Tx,
} from '@rewind/db';
import { startWorkflow, workflowDefs } from '@rewind/workflows/start';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { orchestrator } from '../orchestrator';
import type { ServiceDeps } from '../service-deps';

export interface InstanceActionRequest {
  tenantId: string;
  instanceId: string;
  actor: AuditActor;
  /** the user the workflow records as having asked */
  requestedBy: string;
}

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
 * The caller starts the workflow after commit (`startInstanceAction`).
 */
export async function beginInstanceAction(
  tx: Tx,
  input: InstanceActionRequest & { action: InstanceAction },
): Promise<AcceptedInstanceAction> {
  const { instance, activeRestores } = await lockInstanceForLifecycle(
    tx,
    input.tenantId,
    input.instanceId,
  );
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
    actor: input.actor,
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
    requestedBy: input.requestedBy,
  };
}

const defs = {
  stop: workflowDefs.stopInstance,
  start: workflowDefs.startInstance,
  delete: workflowDefs.deleteInstance,
} as const satisfies Record<InstanceAction, unknown>;

/**
 * After commit: starts the action's workflow under the server-built id. If it cannot be started,
 * nothing has touched the instance yet, so its status goes back to what it was (otherwise it
 * would read `stopping` forever and refuse every later request) and the caller gets 503 / 409.
 */
export async function startInstanceAction(
  deps: ServiceDeps,
  accepted: AcceptedInstanceAction,
): Promise<void> {
  try {
    const client = await orchestrator(deps, 'instances');
    await startWorkflow(client, defs[accepted.action], {
      id: [accepted.tenantId, accepted.instanceId],
      args: [
        {
          tenantId: accepted.tenantId,
          instanceId: accepted.instanceId,
          requestedBy: accepted.requestedBy,
        },
      ],
    });
  } catch (err) {
    await putStatusBack(deps, accepted);
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      throw new AppError(
        'conflict',
        `an earlier ${accepted.action} of instance ${accepted.name} is still finishing; try again shortly`,
      );
    throw err;
  }
}

async function putStatusBack(deps: ServiceDeps, a: AcceptedInstanceAction): Promise<void> {
  try {
    await inTenantTx(deps.db, { tenantId: a.tenantId }, (tx) =>
      // only if nothing else moved it meanwhile
      revertInstanceStatus(tx, a.tenantId, a.instanceId, {
        expected: a.status,
        previous: a.previousStatus,
      }),
    );
  } catch (err) {
    console.error('[instances] could not put the status back', a.instanceId, err);
  }
}
