import { asc, eq } from 'drizzle-orm';
import type { PlatformDb } from '../platform-db';
import { memberships, tenants, type TenantRole } from '../schema';

export interface UserMembership {
  tenantId: string;
  slug: string;
  name: string;
  role: TenantRole;
}

/** The tenants a person may switch to (session set-up, tenant picker). Platform role. */
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
    .orderBy(asc(tenants.slug));
}
