import { and, eq, isNull } from 'drizzle-orm';
import { encryptSecret, generateSecret, INSTANCE_READER_ROLE, type Keyring } from '@rewind/core';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { instances } from '../schema';
import { getInstance, type InstanceRecord } from './get-instance';

/**
 * The instance's read-only role credentials, made (and stored encrypted, like the owner's) when an
 * instance from before that role has none yet. Stored before the role is made on the host, so a
 * crash in between leaves a password the next ensure simply sets again.
 */
export async function ensureInstanceReaderSecret(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  secretKey: Keyring,
): Promise<
  Pick<InstanceRecord, 'readerUsername' | 'readerPasswordEnc'> & {
    readerUsername: string;
    readerPasswordEnc: string;
  }
> {
  const row = await getInstance(tx, tenantId, instanceId, { includeDeleted: true });
  if (row.readerUsername !== null && row.readerPasswordEnc !== null)
    return { readerUsername: row.readerUsername, readerPasswordEnc: row.readerPasswordEnc };
  await tx
    .update(instances)
    .set({
      readerUsername: INSTANCE_READER_ROLE,
      readerPasswordEnc: encryptSecret(generateSecret(24), secretKey),
    })
    .where(
      and(
        tenantWhere(instances, tenantId),
        eq(instances.id, row.id),
        isNull(instances.readerPasswordEnc),
      ),
    );
  const after = await getInstance(tx, tenantId, instanceId, { includeDeleted: true });
  return { readerUsername: after.readerUsername!, readerPasswordEnc: after.readerPasswordEnc! };
}
