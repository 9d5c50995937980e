import { inTenantTx, startRestoreDrill, getRestore } from '@rewind/db';
import { restoreToPointInTime } from '@rewind/workflows';
import { restoreProgressQuery } from '@rewind/workflows/messages';
import { workflowIds } from '@rewind/workflows/ids';
import type { DataPlaneHarness } from '../../apps/worker/src/data-plane-harness';
import { sleep } from './bench-kit';

export interface RewindRun {
  targetTime: string;
  /** milliseconds per workflow phase, from its progress query */
  phases: Record<string, number>;
  totalMs: number;
  status: string;
  checks: { ok: boolean }[];
}

/** Rewind end to end: a restore drill planned to the newest archived commit (second), run as the workflow. */
export async function runRewindRestore(
  h: DataPlaneHarness,
  tenantId: string,
  instanceId: string,
): Promise<RewindRun> {
  const restoreId = crypto.randomUUID();
  const restoreWorkflowId = workflowIds.restore(tenantId, instanceId, restoreId);
  const started = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
    startRestoreDrill(tx, {
      tenantId,
      instanceId,
      workflowId: `bench-${restoreId}`,
      trigger: 'manual',
      regions: [h.env.REGION_A_NAME, h.env.REGION_B_NAME],
      restoreId,
      restoreWorkflowId,
    }),
  );
  if (!started.restoreId) throw new Error(`the restore could not be planned: ${started.error}`);
  const planned = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
    getRestore(tx, tenantId, restoreId),
  );
  const targetTime = (planned.target as { time: string }).time;
  const t = Date.now();
  const handle = await h.client.workflow.start(restoreToPointInTime, {
    taskQueue: h.controlPlaneQueue,
    workflowId: restoreWorkflowId,
    args: [
      {
        tenantId,
        instanceId,
        restoreId,
        requestedBy: null,
        mode: 'clone',
        needsApproval: false,
        hostId: h.hostId,
        controlPlaneQueue: h.controlPlaneQueue,
        cloneTtlSeconds: 1,
      },
    ],
  });
  const phases: Record<string, number> = {};
  let last = 'validating';
  let lastAt = t;
  for (;;) {
    const view = await handle.query(restoreProgressQuery).catch(() => null);
    if (view && view.phase !== last) {
      phases[last] = (phases[last] ?? 0) + Date.now() - lastAt;
      last = view.phase;
      lastAt = Date.now();
    }
    if (view?.status === 'succeeded' || view?.status === 'failed') break;
    await sleep(250);
  }
  phases[last] = (phases[last] ?? 0) + Date.now() - lastAt;
  const totalMs = Date.now() - t;
  const row = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
    getRestore(tx, tenantId, restoreId),
  );
  await handle.result();
  return { targetTime, phases, totalMs, status: row.status, checks: row.checks };
}
