import { ParentClosePolicy, sleep, startChild } from '@temporalio/workflow';
import type { TableRestoreOutcome } from '@rewind/core';
import { catalogProxy, hostProxy } from '../instance/activity-options';
import { expireCloneSignal } from '../messages';
import { restoreToPointInTime } from '../restore/restore-to-point-in-time';
import { failureMessage } from '../restore/restore-state';

export interface RestoreTablesInput {
  tenantId: string;
  instanceId: string;
  /** the transient clone's restore (restores row with table_restore set) */
  restoreId: string;
  restoreWorkflowId: string;
  requestedBy: string;
  needsApproval: boolean;
  hostId: string;
  /** how long the transient clone may live at most, should this workflow never end it */
  cloneTtlSeconds?: number;
}

export interface RestoreTablesResult {
  state: 'copied' | 'failed';
  outcome?: TableRestoreOutcome;
  error?: string;
}

const TERMINAL = ['failed', 'cancelled', 'rejected', 'expired'];

/**
 * A table-level restore: the ordinary clone restore at T as a child (same provisioning, checks
 * and compensation), then the chosen tables copied from that clone into the live instance, then
 * the clone's TTL ended so the child destroys it. Cancelling this workflow cancels the child.
 */
export async function restoreTables(input: RestoreTablesInput): Promise<RestoreTablesResult> {
  const records = catalogProxy();
  const ref = { tenantId: input.tenantId, restoreId: input.restoreId };
  const child = await startChild(restoreToPointInTime, {
    workflowId: input.restoreWorkflowId,
    args: [
      {
        tenantId: input.tenantId,
        instanceId: input.instanceId,
        restoreId: input.restoreId,
        requestedBy: input.requestedBy,
        mode: 'clone',
        needsApproval: input.needsApproval,
        hostId: input.hostId,
        cloneTtlSeconds: input.cloneTtlSeconds ?? 6 * 3600,
      },
    ],
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
  });

  // the clone is ready once its restore succeeded and the clone is handed over (running)
  for (;;) {
    const s = await records.readCloneRestore(ref);
    if (s.status === 'succeeded' && s.cloneStatus === 'running') break;
    if (TERMINAL.includes(s.status)) {
      const error = `the transient clone could not be made: ${s.error ?? s.status}`;
      await records.recordTableRestore({
        ...ref,
        patch: { state: 'failed', error },
        action: 'table_restore.failed',
      });
      await child.result();
      return { state: 'failed', error };
    }
    await sleep('3 seconds');
  }

  await records.recordTableRestore({ ...ref, patch: { state: 'copying' } });
  let result: RestoreTablesResult;
  try {
    const outcome = await hostProxy(input.hostId, {
      startToClose: '2 hours',
      attempts: 1,
    }).copyTablesFromClone(ref);
    await records.recordTableRestore({
      ...ref,
      patch: { state: 'copied', outcome },
      action: 'table_restore.succeeded',
    });
    result = { state: 'copied', outcome };
  } catch (err) {
    const error = failureMessage(err);
    await records.recordTableRestore({
      ...ref,
      patch: { state: 'failed', error },
      action: 'table_restore.failed',
    });
    result = { state: 'failed', error };
  }
  // the transient clone goes now, whatever the copy did
  await child.signal(expireCloneSignal);
  await child.result();
  return result;
}
