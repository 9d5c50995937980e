import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { idempotencyKeys } from '../schema';

export interface IdempotentResponse {
  fingerprint: string;
  statusCode: number;
  /** as first sent, byte for byte */
  body: string;
  contentType: string | null;
}

/** The stored response of an earlier request with this tenant's `Idempotency-Key`, if any. */
export async function findIdempotentResponse(
  tx: Tx,
  tenantId: string,
  key: string,
): Promise<IdempotentResponse | null> {
  const [row] = await tx
    .select({
      fingerprint: idempotencyKeys.fingerprint,
      statusCode: idempotencyKeys.statusCode,
      body: idempotencyKeys.responseBody,
      contentType: idempotencyKeys.contentType,
    })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key)));
  return row ?? null;
}
