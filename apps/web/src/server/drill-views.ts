import 'server-only';
import type { RepositoryCheckRow, RestoreDrillRow } from '@rewind/db';
import type { DrillItem, RepositoryCheckItem } from '@/lib/api-types';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A drill row as the API answers it (tenant route; the admin console adds tenant and instance). */
export function drillItem(d: RestoreDrillRow): DrillItem {
  return {
    id: d.id,
    instanceId: d.instanceId,
    restoreId: d.restoreId,
    trigger: d.trigger,
    status: d.status,
    target: d.target,
    targetKind: d.targetKind,
    region: d.region,
    backupLabel: d.backupLabel,
    backupStoppedAt: iso(d.backupStoppedAt),
    phases: d.phases,
    bytesRestored: d.bytesRestored,
    checks: d.checks,
    failedCheck: d.failedCheck,
    walSegment: d.walSegment,
    durationSeconds: d.durationSeconds,
    error: d.error,
    startedAt: iso(d.startedAt),
    finishedAt: iso(d.finishedAt),
  };
}

export function repositoryCheckItem(c: RepositoryCheckRow): RepositoryCheckItem {
  return {
    id: c.id,
    region: c.region,
    kind: c.kind,
    ok: c.ok,
    findings: c.findings,
    detail: c.detail,
    durationMs: c.durationMs,
    checkedAt: c.checkedAt.toISOString(),
  };
}
