import { tenants } from '@rewind/db';
import type { ActivityDeps } from '../deps';
import { exportTenantAuditEvents, type AuditExportResult } from './export-audit-events';

/** Daily audit export: the sweep lists tenants on the platform pool, each export runs as that tenant. */
export function auditActivities(deps: ActivityDeps) {
  return {
    async listTenantIdsForAuditExport(): Promise<string[]> {
      const rows = await deps.platformDb
        .select({ id: tenants.id })
        .from(tenants)
        .orderBy(tenants.id);
      return rows.map((r) => r.id);
    },
    async exportAuditEvents(tenantId: string): Promise<AuditExportResult> {
      // Region A holds the locked copy; the export is evidence, not a backup, so one region suffices.
      return exportTenantAuditEvents(tenantId, { db: deps.db, region: deps.regions.a });
    },
  };
}
