import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { idempotencyKeys } from '../schema';

/**
 * Drops a stored key whose request committed but whose work after commit failed (the workflow
 * could not be started and the request was answered with an error): a retry with the same key
 * must try again rather than replay a success that did not happen.
 */
export async function forgetIdempotencyKey(tx: Tx, tenantId: string, key: string): Promise<void> {
  await tx
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key)));
}
