import { asc, eq, ne, and, count } from 'drizzle-orm';
import type { PlatformDb } from '../platform-db';
import { instances, memberships, plans, tenants, users, type TenantRole } from '../schema';

export interface TenantOverview {
  id: string;
  slug: string;
  name: string;
  planId: string;
  planName: string;
  retentionDays: number;
  instanceCount: number;
  members: { userId: string; email: string; name: string; role: TenantRole }[];
  createdAt: Date;
}

/** Every tenant with plan, members and live instance count: platform admin console and CLI. */
export async function listTenants(db: PlatformDb): Promise<TenantOverview[]> {
  const rows = await db
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      planId: tenants.planId,
      planName: plans.name,
      retentionDays: tenants.retentionDays,
      createdAt: tenants.createdAt,
    })
    .from(tenants)
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .orderBy(asc(tenants.slug));
  const members = await db
    .select({
      tenantId: memberships.tenantId,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .orderBy(asc(users.email));
  const counts = await db
    .select({ tenantId: instances.tenantId, n: count() })
    .from(instances)
    .where(and(ne(instances.status, 'deleted')))
    .groupBy(instances.tenantId);
  const countOf = new Map(counts.map((c) => [c.tenantId, c.n]));
  return rows.map((t) => ({
    ...t,
    instanceCount: countOf.get(t.id) ?? 0,
    members: members.filter((m) => m.tenantId === t.id).map(({ tenantId: _tenantId, ...m }) => m),
  }));
}
