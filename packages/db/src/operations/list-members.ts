import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { assertTenantRows, tenantWhere } from '../access';
import { memberships, users, type TenantRole } from '../schema';

export interface MemberSummary {
  tenantId: string;
  userId: string;
  email: string;
  name: string;
  role: TenantRole;
  createdAt: Date;
}

export async function listMembers(tx: Tx, tenantId: string): Promise<MemberSummary[]> {
  const rows = await tx
    .select({
      tenantId: memberships.tenantId,
      userId: memberships.userId,
      email: users.email,
      name: users.name,
      role: memberships.role,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(tenantWhere(memberships, tenantId))
    .orderBy(asc(users.email));
  return assertTenantRows(rows, tenantId, 'member');
}
