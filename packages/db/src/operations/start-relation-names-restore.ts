import { parseRestoreTarget, type RestoreTargetSpec } from '@rewind/core';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { appendAuditEvent } from '../audit/append-audit-event';
import { restores } from '../schema';
import { findTimeTravelClone } from './find-time-travel-clone';
import { getInstance } from './get-instance';
import { preflightRestore } from './preflight-restore';

export interface RelationNamesClone {
  restoreId: string;
  /** a time-travel clone at exactly the target already exists: read it, leave it to its TTL */
  reused: boolean;
  /** the restore workflow to start (null when reused) */
  restoreWorkflowId: string | null;
  hostId: string;
}

/**
 * The clone whose catalog names an event's relations: the tenant's time-travel clone at exactly
 * `target` when there is one, else a new clone restore the platform asks for (system actor,
 * planned and pre-flighted like any restore, never waiting for approval: it is read by the
 * platform only and destroyed at once). `restoreId` is the workflow's, so a retried activity
 * finds the row it wrote.
 */
export async function startRelationNamesRestore(
  tx: Tx,
  input: {
    tenantId: string;
    instanceId: string;
    regions: readonly string[];
    target: RestoreTargetSpec;
    restoreId: string;
    restoreWorkflowId: string;
  },
): Promise<RelationNamesClone> {
  const instance = await getInstance(tx, input.tenantId, input.instanceId);
  const [mine] = await tx
    .select({ id: restores.id })
    .from(restores)
    .where(and(tenantWhere(restores, input.tenantId), eq(restores.id, input.restoreId)))
    .limit(1);
  if (mine)
    return {
      restoreId: mine.id,
      reused: false,
      restoreWorkflowId: input.restoreWorkflowId,
      hostId: instance.hostId,
    };
  const target = parseRestoreTarget(input.target);
  const found = await findTimeTravelClone(tx, input.tenantId, input.instanceId, target);
  if (found)
    return {
      restoreId: found.restoreId,
      reused: true,
      restoreWorkflowId: null,
      hostId: instance.hostId,
    };
  const { plan } = await preflightRestore(tx, {
    tenantId: input.tenantId,
    instanceId: input.instanceId,
    regions: input.regions,
    body: { target, mode: 'clone' },
  });
  await tx.insert(restores).values({
    id: input.restoreId,
    tenantId: input.tenantId,
    instanceId: instance.id,
    requestedBy: null,
    workflowId: input.restoreWorkflowId,
    target: plan.target,
    mode: 'clone',
    region: plan.region,
    status: 'running',
    phase: 'validating',
  });
  await appendAuditEvent(tx, {
    tenantId: input.tenantId,
    actor: { type: 'system' },
    action: 'relation_names.clone_requested',
    target: { type: 'instance', id: instance.id },
    data: { restoreId: input.restoreId, target: plan.target, region: plan.region },
  });
  return {
    restoreId: input.restoreId,
    reused: false,
    restoreWorkflowId: input.restoreWorkflowId,
    hostId: instance.hostId,
  };
}
