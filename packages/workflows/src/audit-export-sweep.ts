import { log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from './activity-types';
import { CONTROL_PLANE_QUEUE } from './task-queues';

export interface AuditExportSweepResult {
  tenants: number;
  exported: number;
  failed: string[];
}

/**
 * Daily, from a Temporal Schedule: exports every tenant's new audit events. One tenant's
 * failure does not stop the others (it is retried, then reported, and caught up tomorrow:
 * exports always continue from the last recorded one).
 */
export async function auditExportSweep(): Promise<AuditExportSweepResult> {
  const { listTenantIdsForAuditExport, exportAuditEvents } = proxyActivities<Activities>({
    taskQueue: CONTROL_PLANE_QUEUE,
    startToCloseTimeout: '5 minutes',
    retry: { maximumAttempts: 5, initialInterval: '10 seconds' },
  });
  const tenantIds = await listTenantIdsForAuditExport();
  let exported = 0;
  const failed: string[] = [];
  for (const tenantId of tenantIds) {
    try {
      exported += (await exportAuditEvents(tenantId)).exported;
    } catch (err) {
      log.error('audit export failed', { tenantId, error: String(err) });
      failed.push(tenantId);
    }
  }
  return { tenants: tenantIds.length, exported, failed };
}
