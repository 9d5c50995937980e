import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { tenantWhere } from '../access';
import { repositoryChecks, type RepositoryCheckRow } from '../schema';
import { getInstance } from './get-instance';

/** The newest repository checks of one of the tenant's instances (another tenant's: not_found). */
export async function listRepositoryChecks(
  tx: Tx,
  tenantId: string,
  instanceId: string,
  options: { limit?: number } = {},
): Promise<RepositoryCheckRow[]> {
  const instance = await getInstance(tx, tenantId, instanceId);
  return tx
    .select()
    .from(repositoryChecks)
    .where(
      and(tenantWhere(repositoryChecks, tenantId), eq(repositoryChecks.instanceId, instance.id)),
    )
    .orderBy(desc(repositoryChecks.checkedAt))
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200));
}
