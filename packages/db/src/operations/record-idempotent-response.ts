import type { Tx } from '../client';
import { idempotencyKeys } from '../schema';

export interface RecordIdempotentResponseInput {
  tenantId: string;
  key: string;
  fingerprint: string;
  method: string;
  path: string;
  statusCode: number;
  body: string;
  contentType: string | null;
}

/**
 * Stores a request's response under its key, in the request's own transaction (so the key exists
 * exactly when what the request did committed). Returns false when another request with the same
 * key committed first: the insert waits for it on the primary key, then does nothing; the caller
 * must roll back and answer with that request's response instead.
 */
export async function recordIdempotentResponse(
  tx: Tx,
  input: RecordIdempotentResponseInput,
): Promise<boolean> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({
      tenantId: input.tenantId,
      key: input.key,
      fingerprint: input.fingerprint,
      method: input.method,
      path: input.path,
      statusCode: input.statusCode,
      responseBody: input.body,
      contentType: input.contentType,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return inserted.length === 1;
}
