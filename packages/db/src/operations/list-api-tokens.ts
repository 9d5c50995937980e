import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { assertTenantRows, tenantWhere } from '../access';
import { apiTokens, users } from '../schema';

export interface ApiTokenSummary {
  id: string;
  tenantId: string;
  name: string;
  displayPrefix: string;
  scopes: string[];
  userId: string;
  userEmail: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every token of the tenant, revoked ones included (owners audit them); never the hash. */
export async function listApiTokens(tx: Tx, tenantId: string): Promise<ApiTokenSummary[]> {
  const rows = await tx
    .select({
      id: apiTokens.id,
      tenantId: apiTokens.tenantId,
      name: apiTokens.name,
      displayPrefix: apiTokens.displayPrefix,
      scopes: apiTokens.scopes,
      userId: apiTokens.userId,
      userEmail: users.email,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(tenantWhere(apiTokens, tenantId))
    .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
  return assertTenantRows(rows, tenantId, 'token');
}
