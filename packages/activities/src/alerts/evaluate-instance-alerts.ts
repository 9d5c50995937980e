import {
  evaluatedAlertKinds,
  evaluateInstanceAlerts as evaluate,
  kindOfInstanceAlertKey,
  instanceAlertKey,
} from '@rewind/core';
import {
  getInstance,
  getInstanceWindow,
  inTenantTx,
  listOpenAlertKeys,
  raiseAlert,
  readInstanceAlertFacts,
  resolveAlert,
} from '@rewind/db';
import { archiveLagBoundSeconds, coverageOfPromise } from '@rewind/metrics';
import type { ActivityDeps } from '../deps';
import type { InstanceRef } from '../data-plane/instance-facts';
import { loadInstanceFacts } from '../data-plane/instance-facts';

/** An alert that opened or resolved in this call: each is delivered to the tenant's webhooks. */
export interface AlertChange {
  tenantId: string;
  alertId: string;
  event: 'opened' | 'resolved';
}

/**
 * The promise is the whole retention window: a region restoring less than this share of it is
 * alerted on. Not 1.0: the window's edge moves between the sync and this read.
 */
const COVERAGE_FLOOR = 0.99;

/**
 * Evaluates the instance's conditions from the catalog right after a sync (the facts are fresh
 * there), raises each that holds and resolves each evaluated kind that no longer does.
 * The scheduled repository checks record their results and evaluate right after too, so a
 * verify problem opens at once and stays open (each sync re-reads the newest results) until a
 * later check is clean.
 */
export async function evaluateInstanceAlerts(
  deps: ActivityDeps,
  ref: InstanceRef,
): Promise<AlertChange[]> {
  const facts = await loadInstanceFacts(deps, ref);
  const now = new Date();
  return inTenantTx(deps.db, { tenantId: ref.tenantId }, async (tx) => {
    const instance = await getInstance(tx, ref.tenantId, ref.instanceId);
    const window = await getInstanceWindow(tx, ref.tenantId, ref.instanceId, {
      regions: [deps.regions.a.region.name, deps.regions.b.region.name],
      now,
    });
    const catalog = await readInstanceAlertFacts(tx, ref.tenantId, ref.instanceId);
    const coverage = coverageOfPromise(
      {
        archiveTimeoutSeconds: facts.plan.archiveTimeoutSeconds,
        retentionDays: facts.plan.retentionDays,
        rpoSeconds: window.rpoSeconds,
        regions: window.regions,
        newestBackupAt: catalog.newestBackupAt,
      },
      now,
    );
    const conditions = evaluate({
      instanceId: ref.instanceId,
      instanceName: instance.name,
      healthReason: instance.healthReason,
      now,
      archiveLagBoundSeconds: archiveLagBoundSeconds(facts.plan.archiveTimeoutSeconds),
      fullBackupEverySeconds: facts.plan.fullBackupEverySeconds,
      coverage,
      coverageFloor: COVERAGE_FLOOR,
      retentionSeconds: facts.plan.retentionDays * 86_400,
      firstBackupAt: catalog.firstBackupAt,
      regions: window.regions,
      newestBackupAt: catalog.newestBackupAt,
      geoCheck: window.geoCheck,
      latestDrills: catalog.latestDrills,
      repositoryChecks: catalog.repositoryChecks,
    });
    const changes: AlertChange[] = [];
    for (const c of conditions) {
      const { alert, opened } = await raiseAlert(tx, {
        tenantId: ref.tenantId,
        instanceId: ref.instanceId,
        key: c.key,
        kind: c.kind,
        summary: c.summary,
        detail: c.detail,
      });
      if (opened) changes.push({ tenantId: ref.tenantId, alertId: alert.id, event: 'opened' });
    }
    const holding = new Set(conditions.map((c) => c.key));
    const evaluated = new Set<string>(evaluatedAlertKinds);
    const open = await listOpenAlertKeys(
      tx,
      ref.tenantId,
      ref.instanceId,
      instanceAlertKey(ref.instanceId, ''),
    );
    for (const key of open) {
      const kind = kindOfInstanceAlertKey(key);
      if (!kind || !evaluated.has(kind) || holding.has(key)) continue;
      const resolved = await resolveAlert(tx, key);
      if (resolved)
        changes.push({ tenantId: ref.tenantId, alertId: resolved.id, event: 'resolved' });
    }
    return changes;
  });
}
