import { AppError } from '@rewind/core';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal, TenantMembership } from '../auth/principal';

const acme: TenantMembership = {
  tenantId: '00000000-0000-4000-8000-00000000000a',
  slug: 'acme',
  name: 'Acme',
  role: 'member',
};
const owner: Principal = {
  kind: 'session',
  userId: '00000000-0000-4000-8000-0000000000f1',
  email: 'o@acme.test',
  name: 'O',
  isPlatformAdmin: false,
};

const state = vi.hoisted(() => ({
  principal: null as Principal | null,
  memberships: [] as TenantMembership[],
  txContexts: [] as unknown[],
  committed: [] as string[],
}));

vi.mock('../auth/resolve-principal', () => ({
  resolvePrincipal: async () => {
    if (!state.principal) throw new AppError('unauthenticated', 'sign in');
    return state.principal;
  },
}));
vi.mock('../env', () => ({ env: () => ({ WEB_URL: 'http://localhost' }) }));
vi.mock('../db', () => ({
  appDb: () => ({ db: 'app-db' }),
  platformDb: () => ({ db: 'platform-db' }),
}));
vi.mock('@rewind/db', () => ({
  membershipsOfUser: async () => state.memberships,
  inTenantTx: async (_db: unknown, ctx: unknown, fn: (tx: unknown) => Promise<unknown>) => {
    state.txContexts.push(ctx);
    const result = await fn('tx');
    state.committed.push('commit');
    return result;
  },
}));

const { withTenant } = await import('./with-tenant');

const req = (headers: Record<string, string> = {}, method = 'GET') =>
  new NextRequest('http://localhost/api/v1/instances', { headers, method });
const ctx = { params: Promise.resolve({}) };

beforeEach(() => {
  state.principal = owner;
  state.memberships = [acme];
  state.txContexts = [];
  state.committed = [];
});

describe('withTenant', () => {
  it('401 JSON without a principal, before touching the database', async () => {
    state.principal = null;
    const res = await withTenant(async () => Response.json({}), { permissions: [] })(req(), ctx);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
    expect(state.txContexts).toEqual([]);
  });

  it('403 when the role lacks a permission, naming it', async () => {
    const res = await withTenant(async () => Response.json({}), {
      permissions: ['instance:create'],
    })(req(), ctx);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('instance:create');
  });

  it('403 for a tenant header the user does not belong to', async () => {
    const res = await withTenant(async () => Response.json({}), { permissions: [] })(
      req({ 'x-rewind-tenant': 'globex' }),
      ctx,
    );
    expect(res.status).toBe(403);
  });

  it('runs the handler in a transaction bound to the tenant and the user', async () => {
    const res = await withTenant(
      async ({ tenant, tx }) => Response.json({ slug: tenant.slug, tx }),
      {
        permissions: ['instance:read'],
      },
    )(req(), ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ slug: 'acme', tx: 'tx' });
    expect(state.txContexts).toEqual([{ tenantId: acme.tenantId, userId: owner.userId }]);
  });

  it('maps AppError from the handler to its status, unknown errors to an opaque 500', async () => {
    const notFound = await withTenant(
      async () => {
        throw new AppError('not_found', 'instance not found');
      },
      { permissions: [] },
    )(req(), ctx);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({
      error: { code: 'not_found', message: 'instance not found' },
    });

    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const boom = await withTenant(
      async () => {
        throw new Error('relation "secret_table" does not exist');
      },
      { permissions: [] },
    )(req(), ctx);
    log.mockRestore();
    expect(boom.status).toBe(500);
    expect(JSON.stringify(await boom.json())).not.toContain('secret_table');
  });

  it('runs afterCommit hooks only after the transaction committed', async () => {
    const order: string[] = [];
    await withTenant(
      async ({ afterCommit }) => {
        afterCommit(async () => {
          order.push(`hook after ${state.committed.length} commit(s)`);
        });
        return Response.json({});
      },
      { permissions: [] },
    )(req(), ctx);
    expect(order).toEqual(['hook after 1 commit(s)']);
  });

  it('a cookie-authenticated write from another origin is 403 before any transaction', async () => {
    const res = await withTenant(async () => Response.json({}), { permissions: [] })(
      req({ origin: 'http://localhost:3001' }, 'POST'),
      ctx,
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/cross-site request refused/);
    expect(state.txContexts).toEqual([]);
  });

  it('the same write from the own origin, or with a bearer token from anywhere, runs', async () => {
    expect(
      (
        await withTenant(async () => Response.json({}), { permissions: [] })(
          req({ origin: 'http://localhost' }, 'POST'),
          ctx,
        )
      ).status,
    ).toBe(200);
    state.principal = {
      kind: 'token',
      tokenId: 't',
      userId: owner.userId,
      email: owner.email,
      name: 'ci',
      tenantId: acme.tenantId,
      isPlatformAdmin: false,
      scopes: [],
    };
    expect(
      (
        await withTenant(async () => Response.json({}), { permissions: [] })(
          req({ origin: 'http://evil.example' }, 'POST'),
          ctx,
        )
      ).status,
    ).toBe(200);
  });
});
