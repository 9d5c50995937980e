import { decryptSecret } from '@rewind/core';
import { getInstance, getInstancePlan, inTenantTx } from '@rewind/db';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import type { InstanceRef } from './instance-facts';
import { createStanza } from './provision-instance';

/**
 * A clone kept as a permanent instance, on its host: its data moves under its own stanza
 * (archiving on, both regions; the plan's archive_timeout and retention), it starts again on
 * its port, and the stanza is created in both repos. The clone's directory is named by its id
 * (restores make it so); the instance's by its stanza, like every provisioned instance. Secrets
 * are read here, never passed in (activity inputs are stored in Temporal history in clear).
 */
export async function adoptKeptClone(
  deps: ActivityDeps,
  ref: InstanceRef,
): Promise<{ timeline: number; markedForArchive: number }> {
  const { row, plan } = await inTenantTx(deps.db, { tenantId: ref.tenantId }, async (tx) => ({
    row: await getInstance(tx, ref.tenantId, ref.instanceId),
    plan: await getInstancePlan(tx, ref.tenantId),
  }));
  if (row.port === null) throw new Error(`instance ${ref.instanceId} has no port allocated`);
  const context = `while keeping clone ${row.name} as a permanent instance on host ${deps.hostId}`;
  return withHeartbeat(
    async () => {
      const r = await deps.engine
        .adoptRestoredCopy({
          copyId: row.id,
          instanceId: row.stanza,
          port: row.port!,
          database: row.databaseName,
          owner: row.username,
          archiveTimeoutSeconds: plan.archiveTimeoutSeconds,
          cipherPass: decryptSecret(row.repoCipherPassEnc, deps.secretKey),
          retentionFullDays: plan.retentionDays,
        })
        .catch((err: unknown) => {
          throw new Error(`${context}: ${(err as Error).message}`, { cause: err });
        });
      await createStanza(deps, row.stanza, context);
      return { timeline: r.timeline, markedForArchive: r.markedForArchive.length };
    },
    { phase: 'keep-clone' },
  );
}
