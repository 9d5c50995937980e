import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TenantContext {
  tenantId: string;
  /** the signed-in person, when there is one (lets RLS show them their own user row) */
  userId?: string;
}

/**
 * Runs `fn` in a transaction bound to one tenant: row-level security in the database
 * then shows and accepts only that tenant's rows, whatever the queries inside forget.
 * The setting is transaction-local, so a pooled connection never carries it to the next user.
 */
export async function inTenantTx<T>(
  db: Db,
  ctx: TenantContext,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!UUID.test(ctx.tenantId))
    throw new Error(`invariant: tenant id is not a uuid: ${JSON.stringify(ctx.tenantId)}`);
  if (ctx.userId !== undefined && !UUID.test(ctx.userId)) {
    throw new Error(`invariant: user id is not a uuid: ${JSON.stringify(ctx.userId)}`);
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('rewind.tenant_id', ${ctx.tenantId}, true)`);
    if (ctx.userId) await tx.execute(sql`select set_config('rewind.user_id', ${ctx.userId}, true)`);
    return fn(tx);
  });
}
