import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { PlatformDb } from '../platform-db';
import { apiTokens, memberships, tenants, users, type TenantRole } from '../schema';

export interface ApiTokenPrincipal {
  tokenId: string;
  tokenName: string;
  tenantId: string;
  tenantSlug: string;
  userId: string;
  userEmail: string;
  /** the owner's role in the tenant now, not when the token was made */
  role: TenantRole;
  scopes: string[];
  /** true when this use is the first in its touch interval: callers audit token use on it */
  firstUseInInterval: boolean;
}

/** last_used_at is informational; writing it on every request would turn reads into writes. */
const TOUCH_INTERVAL_SECONDS = 60;

/**
 * Resolves `Authorization: Bearer rw_…` (pass `hashApiToken(token)`). Pre-tenant, so it runs
 * as the platform role. A revoked token, or one whose person has left the tenant, finds
 * nothing: tokens act with their person's current role and die with the membership.
 */
export async function findApiToken(
  db: PlatformDb,
  tokenHash: string,
): Promise<ApiTokenPrincipal | null> {
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      tokenName: apiTokens.name,
      tenantId: apiTokens.tenantId,
      tenantSlug: tenants.slug,
      userId: apiTokens.userId,
      userEmail: users.email,
      role: memberships.role,
      scopes: apiTokens.scopes,
    })
    .from(apiTokens)
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(
      memberships,
      and(eq(memberships.tenantId, apiTokens.tenantId), eq(memberships.userId, apiTokens.userId)),
    )
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  const touched = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.tokenId),
        or(
          isNull(apiTokens.lastUsedAt),
          lt(apiTokens.lastUsedAt, sql`now() - make_interval(secs => ${TOUCH_INTERVAL_SECONDS})`),
        ),
      ),
    )
    .returning({ id: apiTokens.id });
  return { ...row, firstUseInInterval: touched.length > 0 };
}
