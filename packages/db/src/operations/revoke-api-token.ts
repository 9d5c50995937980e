import { and, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { isUuid, requireTenantRow, tenantWhere } from '../access';
import { apiTokens } from '../schema';
import { AppError } from '@rewind/core';

/** Revokes one token of the tenant. Revoking twice is a no-op that reports `alreadyRevoked`. */
export async function revokeApiToken(
  tx: Tx,
  tenantId: string,
  tokenId: string,
): Promise<{ id: string; name: string; alreadyRevoked: boolean }> {
  if (!isUuid(tokenId)) throw new AppError('not_found', 'token not found');
  const [row] = await tx
    .select({
      id: apiTokens.id,
      tenantId: apiTokens.tenantId,
      name: apiTokens.name,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(and(tenantWhere(apiTokens, tenantId), eq(apiTokens.id, tokenId)))
    .for('update')
    .limit(1);
  const token = requireTenantRow(row, tenantId, 'token');
  if (token.revokedAt) return { id: token.id, name: token.name, alreadyRevoked: true };
  await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(tenantWhere(apiTokens, tenantId), eq(apiTokens.id, tokenId)));
  return { id: token.id, name: token.name, alreadyRevoked: false };
}
