import { parseRestoreTarget, type RestoreTargetSpec } from '@rewind/core';
import { appendAuditEvent, findTimeTravelClone, type RequestedRestore, type Tx } from '@rewind/db';
import { requestRestore, startRestore } from '../restores/request-restore';
import type { ServiceDeps } from '../service-deps';
import type { PastRequester } from './run-console-query';

/** A time-travel clone lives an hour (the console is for a look, not for keeping). */
export const TIME_TRAVEL_CLONE_TTL_SECONDS = 3600;

export interface OpenedTimeTravel {
  restoreId: string;
  status: 'pending_approval' | 'running' | 'succeeded';
  cloneId: string | null;
  /** an existing clone at exactly T was found and is opened again */
  reused: boolean;
  target: RestoreTargetSpec;
  /** set when a new clone restore was requested: start it after commit */
  requested: RequestedRestore | null;
}

/**
 * POST /api/v1/instances/{id}/time-travel, in the tenant transaction: the clone at T if one is
 * still there (or on its way), else a new short-lived clone restore through the ordinary restore
 * path (same checks, pre-flight refusals and approval policy). Audited `time_travel.opened`.
 */
export async function openTimeTravel(
  tx: Tx,
  input: PastRequester & { target: unknown },
): Promise<OpenedTimeTravel> {
  const target = parseRestoreTarget(input.target);
  const found = await findTimeTravelClone(tx, input.tenantId, input.instanceId, target);
  let opened: OpenedTimeTravel;
  if (found) {
    opened = { ...found, reused: true, target, requested: null };
  } else {
    const requested = await requestRestore(tx, {
      tenantId: input.tenantId,
      instanceId: input.instanceId,
      requestedBy: input.requestedBy,
      actor: input.actor,
      body: { target: input.target, mode: 'clone' },
      regions: input.regions,
    });
    opened = {
      restoreId: requested.id,
      status: requested.status,
      cloneId: null,
      reused: false,
      target: requested.plan.target,
      requested,
    };
  }
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: input.actor,
    action: 'time_travel.opened',
    target: { type: 'restore', id: opened.restoreId },
    data: { instanceId: input.instanceId, target, reused: opened.reused },
  });
  return opened;
}

/** After commit: start the new clone restore with the console's short TTL. */
export async function startTimeTravel(
  deps: ServiceDeps,
  input: { tenantId: string; instanceId: string; requestedBy: string; opened: OpenedTimeTravel },
): Promise<void> {
  if (!input.opened.requested) return;
  await startRestore(deps, {
    tenantId: input.tenantId,
    instanceId: input.instanceId,
    requestedBy: input.requestedBy,
    restore: input.opened.requested,
    cloneTtlSeconds: TIME_TRAVEL_CLONE_TTL_SECONDS,
  });
}
