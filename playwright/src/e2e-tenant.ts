import { randomBytes } from 'node:crypto';
import { hashPassword } from '@rewind/core';
import {
  createApiTokenRecord,
  inTenantTx,
  memberships,
  tenants,
  users,
  type PlatformDb,
  type TenantRole,
} from '@rewind/db';

export interface E2ePerson {
  id: string;
  email: string;
  password: string;
  /** a bearer token of this person in this tenant */
  token: string;
}

export interface E2eTenant {
  id: string;
  slug: string;
  name: string;
  people: Record<string, E2ePerson>;
}

/**
 * A tenant of the test's own, with its own people, made through the platform database: what a
 * test does there (restores waiting, replaced data) never meets another test's demo tenant.
 */
export async function createE2eTenant(
  db: PlatformDb,
  options: {
    label: string;
    planId?: string;
    approvalPolicy?: 'replace_only' | 'all_restores';
    people: Record<string, TenantRole>;
  },
): Promise<E2eTenant> {
  const suffix = randomBytes(4).toString('hex');
  const name = `E2E ${options.label} ${suffix}`;
  const [tenant] = await db
    .insert(tenants)
    .values({
      slug: `e2e-${options.label}-${suffix}`,
      name,
      // business archives WAL every 15 s: the window reaches fresh rows soonest
      planId: options.planId ?? 'business',
      retentionDays: 7,
      approvalPolicy: options.approvalPolicy ?? 'replace_only',
    })
    .returning({ id: tenants.id, slug: tenants.slug });
  if (!tenant) throw new Error('tenant insert returned no row');
  const people: Record<string, E2ePerson> = {};
  for (const [key, role] of Object.entries(options.people)) {
    const email = `${key}-${suffix}@e2e.test`;
    const password = `pw-${key}-${suffix}`;
    const [user] = await db
      .insert(users)
      .values({ email, name: `${key} ${suffix}`, passwordHash: await hashPassword(password) })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert returned no row');
    await db.insert(memberships).values({ tenantId: tenant.id, userId: user.id, role });
    const { token } = await inTenantTx(db, { tenantId: tenant.id }, (tx) =>
      createApiTokenRecord(tx, { tenantId: tenant.id, userId: user.id, name: `e2e ${key}` }),
    );
    people[key] = { id: user.id, email, password, token };
  }
  return { ...tenant, name, people };
}
