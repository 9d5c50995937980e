import { and, eq } from 'drizzle-orm';
import { hashPassword, verifyPassword } from '@rewind/core';
import type { Db } from '../client';
import { memberships, tenants, users, type TenantRole } from '../schema';

/**
 * Demo people for the local stack and the browser tests. The passwords are fixed on purpose:
 * this is a local demo, and tests and screenshots need to know them. Never seed a real stack.
 */
export const DEMO_TENANTS = [
  { slug: 'acme', name: 'Acme Corp', planId: 'pro', retentionDays: 7 },
  { slug: 'globex', name: 'Globex', planId: 'business', retentionDays: 14 },
] as const;

export const DEMO_USERS = [
  {
    email: 'owner@acme.test',
    name: 'Ada Owner',
    password: 'acme-owner-demo',
    tenant: 'acme',
    role: 'owner',
  },
  {
    email: 'member@acme.test',
    name: 'Max Member',
    password: 'acme-member-demo',
    tenant: 'acme',
    role: 'member',
  },
  {
    email: 'owner@globex.test',
    name: 'Grace Owner',
    password: 'globex-owner-demo',
    tenant: 'globex',
    role: 'owner',
  },
  {
    email: 'member@globex.test',
    name: 'Gus Member',
    password: 'globex-member-demo',
    tenant: 'globex',
    role: 'member',
  },
  {
    email: 'admin@rewind.local',
    name: 'Platform Admin',
    password: 'rewind-admin-demo',
    tenant: null,
    role: null,
  },
] as const satisfies readonly {
  email: string;
  name: string;
  password: string;
  tenant: string | null;
  role: TenantRole | null;
}[];

export interface DemoCredentials {
  tenants: { id: string; slug: string; name: string }[];
  users: {
    id: string;
    email: string;
    password: string;
    tenant: string | null;
    role: TenantRole | null;
    isPlatformAdmin: boolean;
  }[];
}

/**
 * Two tenants with an owner and a member each, and one platform admin. Idempotent: existing
 * rows are kept, a password that no longer matches the demo one is reset. Needs the platform
 * role (it writes across tenants). Run `seedReference` first (plans).
 */
export async function seedDemo(db: Db): Promise<DemoCredentials> {
  return db.transaction(async (tx) => {
    const tenantIds = new Map<string, string>();
    const outTenants: DemoCredentials['tenants'] = [];
    for (const t of DEMO_TENANTS) {
      await tx.insert(tenants).values(t).onConflictDoNothing({ target: tenants.slug });
      const [row] = await tx
        .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
        .from(tenants)
        .where(eq(tenants.slug, t.slug));
      if (!row) throw new Error(`invariant: demo tenant ${t.slug} missing after insert`);
      tenantIds.set(t.slug, row.id);
      outTenants.push(row);
    }

    const outUsers: DemoCredentials['users'] = [];
    for (const u of DEMO_USERS) {
      const isPlatformAdmin = u.tenant === null;
      const [existing] = await tx.select().from(users).where(eq(users.email, u.email));
      let id: string;
      if (!existing) {
        const [row] = await tx
          .insert(users)
          .values({
            email: u.email,
            name: u.name,
            passwordHash: await hashPassword(u.password),
            isPlatformAdmin,
          })
          .returning({ id: users.id });
        id = row!.id;
      } else {
        id = existing.id;
        const ok = await verifyPassword(u.password, existing.passwordHash);
        if (!ok || existing.isPlatformAdmin !== isPlatformAdmin) {
          await tx
            .update(users)
            .set({
              passwordHash: ok ? existing.passwordHash : await hashPassword(u.password),
              isPlatformAdmin,
            })
            .where(eq(users.id, id));
        }
      }
      if (u.tenant !== null) {
        const tenantId = tenantIds.get(u.tenant)!;
        await tx
          .insert(memberships)
          .values({ tenantId, userId: id, role: u.role })
          .onConflictDoNothing();
        await tx
          .update(memberships)
          .set({ role: u.role })
          .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, id)));
      }
      outUsers.push({
        id,
        email: u.email,
        password: u.password,
        tenant: u.tenant,
        role: u.role,
        isPlatformAdmin,
      });
    }
    return { tenants: outTenants, users: outUsers };
  });
}
