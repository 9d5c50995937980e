import {
  finishRestoreDrill,
  getInstanceWindow,
  inTenantTx,
  startRestoreDrill,
  type DrillPhaseDuration,
  type RestoreDrillTrigger,
  type StartedRestoreDrill,
} from '@rewind/db';
import type { ActivityDeps } from '../deps';

export type { StartedRestoreDrill };

/** Catalog-side steps of a restore drill (control-plane queue); the restore itself is restoreToPointInTime. */
export function drillActivities(deps: ActivityDeps) {
  const regions = [deps.engine.config.regions.a.name, deps.engine.config.regions.b.name];
  return {
    async startRestoreDrill(input: {
      tenantId: string;
      instanceId: string;
      workflowId: string;
      trigger: RestoreDrillTrigger;
      restoreId: string;
      restoreWorkflowId: string;
      region?: string;
      targetTime?: string;
    }): Promise<StartedRestoreDrill> {
      try {
        return await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
          startRestoreDrill(tx, { ...input, regions }),
        );
      } catch (err) {
        throw new Error(
          `while starting restore drill ${input.workflowId}: ${(err as Error).message}`,
          { cause: err },
        );
      }
    },
    async finishRestoreDrill(input: {
      tenantId: string;
      drillId: string;
      restoreStatus: string;
      error?: string | null;
      phases?: DrillPhaseDuration[];
      bytesRestored?: number | null;
      failedPhase?: string | null;
    }): Promise<{ status: string; checks: number }> {
      const row = await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
        finishRestoreDrill(tx, input),
      );
      // a drill refused before it had a region is not a region's result
      if (row.region && row.status !== 'running')
        deps.metrics?.drills.inc({ region: row.region, result: row.status });
      return { status: row.status, checks: row.checks.length };
    },
    /** The regions drills run in, region A first (a new instance gets one drill in each). */
    async drillRegions(): Promise<string[]> {
      return [...regions];
    },
    /** Does the region's window hold a restorable second yet (a new instance's first drill waits)? */
    async drillRegionReady(input: {
      tenantId: string;
      instanceId: string;
      region: string;
    }): Promise<boolean> {
      const { windows } = await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
        getInstanceWindow(tx, input.tenantId, input.instanceId, { regions }),
      );
      return (windows.find((w) => w.region === input.region)?.ranges.length ?? 0) > 0;
    },
  };
}
