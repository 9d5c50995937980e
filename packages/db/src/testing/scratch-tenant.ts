import { randomBytes } from 'node:crypto';
import { hashPassword } from '@rewind/core';
import { createApiTokenRecord } from '../operations/create-api-token-record';
import type { PlatformDb } from '../platform-db';
import { memberships, tenants, users, type TenantRole } from '../schema';
import { inTenantTx } from '../tenant-tx';

export interface ScratchTenant {
  id: string;
  slug: string;
  people: Record<
    TenantRole | 'admin2',
    { id: string; email: string; password: string; token: string }
  >;
}

/**
 * A throwaway tenant (own people and tokens) for tests that leave marks a demo tenant must not
 * carry: tampered audit chains, fake restores waiting for approval.
 */
export async function createScratchTenant(db: PlatformDb, label: string): Promise<ScratchTenant> {
  const suffix = `${label}-${randomBytes(4).toString('hex')}`;
  const [tenant] = await db
    .insert(tenants)
    .values({ slug: `t-${suffix}`, name: `Test ${suffix}`, planId: 'pro', retentionDays: 7 })
    .returning({ id: tenants.id, slug: tenants.slug });
  if (!tenant) throw new Error('no tenant');
  const password = `pw-${suffix}`;
  const passwordHash = await hashPassword(password);
  const roles: Array<[TenantRole | 'admin2', TenantRole]> = [
    ['owner', 'owner'],
    ['admin', 'admin'],
    ['admin2', 'admin'],
    ['member', 'member'],
  ];
  const people = {} as ScratchTenant['people'];
  for (const [key, role] of roles) {
    const email = `${key}-${suffix}@scratch.test`;
    const [user] = await db
      .insert(users)
      .values({ email, name: `${key} ${suffix}`, passwordHash })
      .returning({ id: users.id });
    if (!user) throw new Error('no user');
    await db.insert(memberships).values({ tenantId: tenant.id, userId: user.id, role });
    const token = await inTenantTx(db, { tenantId: tenant.id }, (tx) =>
      createApiTokenRecord(tx, { tenantId: tenant.id, userId: user.id, name: `${key} test token` }),
    );
    people[key] = { id: user.id, email, password, token: token.token };
  }
  return { ...tenant, people };
}
