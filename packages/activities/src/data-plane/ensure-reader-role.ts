import { decryptSecret } from '@rewind/core';
import { ensureInstanceReaderSecret, getInstance, inTenantTx } from '@rewind/db';
import type { ActivityDeps } from '../deps';
import type { InstanceRef } from './instance-facts';

export interface EnsureReaderRoleResult {
  ensured: boolean;
  /** why not (the server is not running on this host: the next start makes it) */
  reason?: string;
}

/**
 * Brings an instance's read-only role to what the catalog says (creating its credentials first
 * for an instance made before that role existed). Runs at start and at every plan apply, so
 * existing instances get it without a manual step. The password is read and decrypted here,
 * never passed in: activity inputs are stored in Temporal history in clear.
 */
export async function ensureReaderRole(
  deps: ActivityDeps,
  ref: InstanceRef,
): Promise<EnsureReaderRoleResult> {
  const { row, reader } = await inTenantTx(deps.db, { tenantId: ref.tenantId }, async (tx) => ({
    row: await getInstance(tx, ref.tenantId, ref.instanceId),
    reader: await ensureInstanceReaderSecret(tx, ref.tenantId, ref.instanceId, deps.secretKey),
  }));
  if (row.port === null) return { ensured: false, reason: 'no port allocated' };
  const status = await deps.engine.instanceStatus({ instanceId: row.stanza });
  if (!status.running) return { ensured: false, reason: `not running on host ${deps.hostId}` };
  await deps.engine
    .ensureReaderRole(
      { socketDir: deps.engine.paths(row.stanza).run, port: row.port },
      {
        role: reader.readerUsername,
        password: decryptSecret(reader.readerPasswordEnc, deps.secretKey),
      },
      { label: `instance ${ref.instanceId} (stanza ${row.stanza})` },
    )
    .catch((err: unknown) => {
      throw new Error(
        `while making the read-only role of instance ${ref.instanceId} on host ${deps.hostId}: ${(err as Error).message}`,
        { cause: err },
      );
    });
  return { ensured: true };
}
