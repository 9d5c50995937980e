import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiToken, verifyPassword } from '@rewind/core';
import { eq } from 'drizzle-orm';
import { inTenantTx } from '../tenant-tx';
import { createApiTokenRecord, listTenants } from '../operations';
import { apiTokens, memberships } from '../schema';
import { createSeededScratch, type SeededScratch } from '../testing/seeded-scratch';
import { seedDemo } from '../seed';
import {
  findApiToken,
  findUserByEmail,
  membershipsOfUser,
  recentFailedLogins,
  recordLoginAttempt,
} from '.';

let s: SeededScratch;

beforeAll(async () => {
  s = await createSeededScratch('rewind_auth');
});
afterAll(async () => {
  await s?.close();
});

describe('pre-tenant auth lookups (platform role)', () => {
  it('finds users by email case-insensitively; demo passwords verify', async () => {
    const user = await findUserByEmail(s.platform.db, '  Owner@ACME.test ');
    expect(user).toMatchObject({ email: 'owner@acme.test', isPlatformAdmin: false });
    expect(await verifyPassword('acme-owner-demo', user!.passwordHash)).toBe(true);
    expect(await findUserByEmail(s.platform.db, 'nobody@acme.test')).toBeNull();
    const admin = await findUserByEmail(s.platform.db, 'admin@rewind.local');
    expect(admin?.isPlatformAdmin).toBe(true);
    expect(await verifyPassword('rewind-admin-demo', admin!.passwordHash)).toBe(true);
  });

  it('lists a person’s tenants with slug, name and role', async () => {
    expect(await membershipsOfUser(s.platform.db, s.user('member@acme.test'))).toEqual([
      { tenantId: s.tenant('acme'), slug: 'acme', name: 'Acme Corp', role: 'member' },
    ]);
    expect(await membershipsOfUser(s.platform.db, s.user('admin@rewind.local'))).toEqual([]);
  });

  it('resolves API tokens by hash, touches last_used_at, ignores revoked tokens and ex-members', async () => {
    const A = s.tenant('acme');
    const created = await inTenantTx(s.app.db, { tenantId: A }, (tx) =>
      createApiTokenRecord(tx, { tenantId: A, userId: s.user('member@acme.test'), name: 'ci' }),
    );
    const principal = await findApiToken(s.platform.db, hashApiToken(created.token));
    expect(principal).toMatchObject({
      tokenId: created.id,
      tenantId: A,
      tenantSlug: 'acme',
      userEmail: 'member@acme.test',
      role: 'member',
      scopes: [],
    });
    const [row] = await s.platform.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
    expect(row!.tokenHash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    expect(await findApiToken(s.platform.db, hashApiToken(created.token + 'x'))).toBeNull();

    await s.platform.db
      .delete(memberships)
      .where(eq(memberships.userId, s.user('member@acme.test')));
    expect(await findApiToken(s.platform.db, hashApiToken(created.token))).toBeNull();
    await seedDemo(s.platform.db); // restores the membership
    expect(await findApiToken(s.platform.db, hashApiToken(created.token))).not.toBeNull();

    await s.platform.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.id, created.id));
    expect(await findApiToken(s.platform.db, hashApiToken(created.token))).toBeNull();
  });

  it('refuses a token for someone who is not a member of the tenant', async () => {
    const A = s.tenant('acme');
    await expect(
      inTenantTx(s.app.db, { tenantId: A }, (tx) =>
        createApiTokenRecord(tx, { tenantId: A, userId: s.user('owner@globex.test'), name: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('counts recent failed sign-ins since the last success', async () => {
    const email = 'Owner@Globex.test';
    for (let i = 0; i < 3; i++)
      await recordLoginAttempt(s.platform.db, { email, ip: '127.0.0.1', ok: false });
    expect(await recentFailedLogins(s.platform.db, 'owner@globex.test', 300)).toBe(3);
    await recordLoginAttempt(s.platform.db, { email, ok: true });
    expect(await recentFailedLogins(s.platform.db, email, 300)).toBe(0);
    await recordLoginAttempt(s.platform.db, { email, ok: false });
    expect(await recentFailedLogins(s.platform.db, email, 300)).toBe(1);
    expect(await recentFailedLogins(s.platform.db, 'someone@else.test', 300)).toBe(0);
  });

  it('lists tenants with plans and members', async () => {
    const tenants = await listTenants(s.platform.db);
    expect(
      tenants.map((t) => [t.slug, t.planId, t.members.map((m) => `${m.role}:${m.email}`)]),
    ).toEqual([
      ['acme', 'pro', ['member:member@acme.test', 'owner:owner@acme.test']],
      ['globex', 'business', ['member:member@globex.test', 'owner:owner@globex.test']],
    ]);
  });

  it('seeding is idempotent', async () => {
    const again = await seedDemo(s.platform.db);
    expect(again.users.map((u) => u.id)).toEqual(s.demo.users.map((u) => u.id));
    expect(again.tenants.map((t) => t.id)).toEqual(s.demo.tenants.map((t) => t.id));
  });
});
