import { asc, eq } from 'drizzle-orm';
import type { PlatformDb } from '../platform-db';
import { memberships, tenants, type TenantRole } from '../schema';

export interface UserMembership {
  tenantId: string;
  slug: string;
  name: string;
  role: TenantRole;
}

/**
 * The tenants a person may switch to (session set-up, tenant picker). Platform role.
 * Oldest membership first: the first is the default tenant, so joining another tenant later
 * (an accepted invitation) never moves where the person lands.
 */
export async function membershipsOfUser(db: PlatformDb, userId: string): Promise<UserMembership[]> {
  return db
    .select({
      tenantId: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(tenants.slug));
}
