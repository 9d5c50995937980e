import { sql } from 'drizzle-orm';
import type { Tx } from '../client';

/**
 * Serialises requests that carry the same tenant's `Idempotency-Key`, for the rest of the
 * transaction. Without it, concurrent retries each run the handler, and the losers fail inside it
 * (e.g. on a unique name) before they could see the winner's stored response. After the lock,
 * a fresh read sees whatever the winner committed.
 */
export async function lockIdempotencyKey(tx: Tx, tenantId: string, key: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`rewind.idempotency:${tenantId}:${key}`}, 0))`,
  );
}
