import { decryptSecret } from '@rewind/core';
import { getInstance, getInstancePlan, inTenantTx } from '@rewind/db';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import { ensureReaderRole } from './ensure-reader-role';
import type { InstanceRef } from './instance-facts';

export interface ApplyInstancePlanResult {
  applied: boolean;
  /** why nothing was applied (the instance is not, or not yet, on this host) */
  reason?: string;
  archiveTimeoutSeconds: number;
  previousArchiveTimeoutSeconds: number | null;
  /** false: the server was stopped and reads the new archive_timeout when it starts */
  live: boolean;
  retentionDays: number;
  previousRetentionDays: number | null;
}

/**
 * Brings one instance's host-side settings to its tenant's current plan: archive_timeout (live,
 * no restart) and pgbackrest.conf's retention; a running instance also gets its read-only role. Reads plan and secrets itself, at run time, so a
 * retry or a late run applies what the catalog says now, and the cipher pass never passes
 * through workflow history.
 */
export async function applyInstancePlan(
  deps: ActivityDeps,
  ref: InstanceRef,
): Promise<ApplyInstancePlanResult> {
  const { row, plan } = await inTenantTx(deps.db, { tenantId: ref.tenantId }, async (tx) => ({
    row: await getInstance(tx, ref.tenantId, ref.instanceId),
    plan: await getInstancePlan(tx, ref.tenantId),
  }));
  const wanted = {
    archiveTimeoutSeconds: plan.archiveTimeoutSeconds,
    retentionDays: plan.retentionDays,
  };
  const skipped = (reason: string): ApplyInstancePlanResult => ({
    ...wanted,
    applied: false,
    reason,
    previousArchiveTimeoutSeconds: null,
    previousRetentionDays: null,
    live: false,
  });
  if (row.port === null) return skipped('no port allocated');
  const port = row.port;
  const status = await deps.engine.instanceStatus({ instanceId: row.stanza });
  if (!status.initialized) return skipped(`not initialized on host ${deps.hostId}`);

  const context = `while applying the plan to instance ${ref.instanceId} (stanza ${row.stanza}) on host ${deps.hostId}`;
  const wrap = (step: string) => (err: unknown) => {
    throw new Error(`${context}: ${step}: ${(err as Error).message}`, { cause: err });
  };
  return withHeartbeat(
    async () => {
      const conf = await deps.engine
        .rewritePgBackRestConfig({
          instanceId: row.stanza,
          port,
          cipherPass: decryptSecret(row.repoCipherPassEnc, deps.secretKey),
          retentionFullDays: plan.retentionDays,
        })
        .catch(wrap('pgbackrest.conf'));
      const timeout = await deps.engine
        .applyArchiveTimeout({ instanceId: row.stanza, seconds: plan.archiveTimeoutSeconds })
        .catch(wrap('archive_timeout'));
      // instances made before the read-only role existed get it here (and at start)
      if (timeout.live) await ensureReaderRole(deps, ref);
      return {
        ...wanted,
        applied: true,
        previousArchiveTimeoutSeconds: timeout.previousSeconds,
        live: timeout.live,
        previousRetentionDays: conf.previousRetentionFullDays,
      };
    },
    { phase: 'apply-plan' },
  );
}
