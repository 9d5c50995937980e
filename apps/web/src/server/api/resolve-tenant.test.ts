import { AppError } from '@rewind/core';
import { describe, expect, it } from 'vitest';
import type { Principal, TenantMembership } from '../auth/principal';
import { resolveTenant } from './resolve-tenant';

const acme: TenantMembership = {
  tenantId: '00000000-0000-4000-8000-00000000000a',
  slug: 'acme',
  name: 'Acme',
  role: 'owner',
};
const globex: TenantMembership = {
  tenantId: '00000000-0000-4000-8000-00000000000b',
  slug: 'globex',
  name: 'Globex',
  role: 'member',
};

const session: Principal = {
  kind: 'session',
  userId: 'u1',
  email: 'a@acme.test',
  name: 'A',
  isPlatformAdmin: false,
};
const tokenFor = (tenantId: string): Principal => ({
  kind: 'token',
  tokenId: 't1',
  tenantId,
  userId: 'u1',
  email: 'a@acme.test',
  name: 'ci token',
  isPlatformAdmin: false,
  scopes: [],
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'not-app-error';
  }
  return undefined;
}

describe('resolveTenant', () => {
  const none = { header: null, cookie: null };

  it('session: first membership by default', () => {
    expect(resolveTenant(session, [acme, globex], none)).toBe(acme);
  });

  it('session: header wins over cookie', () => {
    expect(resolveTenant(session, [acme, globex], { header: 'globex', cookie: 'acme' })).toBe(
      globex,
    );
  });

  it('session: cookie picks the tenant', () => {
    expect(resolveTenant(session, [acme, globex], { header: null, cookie: 'globex' })).toBe(globex);
  });

  it('session: a header naming a tenant the user is not in is forbidden', () => {
    expect(codeOf(() => resolveTenant(session, [acme], { header: 'globex', cookie: null }))).toBe(
      'forbidden',
    );
  });

  it('session: a stale cookie falls back to the first membership', () => {
    expect(resolveTenant(session, [acme], { header: null, cookie: 'gone' })).toBe(acme);
  });

  it('session: no membership at all is forbidden', () => {
    expect(codeOf(() => resolveTenant(session, [], none))).toBe('forbidden');
  });

  it("token: always the token's tenant, whatever the cookie says", () => {
    expect(
      resolveTenant(tokenFor(globex.tenantId), [acme, globex], { header: null, cookie: 'acme' }),
    ).toBe(globex);
  });

  it("token: a header naming another tenant is refused, its own tenant's slug is fine", () => {
    const p = tokenFor(acme.tenantId);
    expect(codeOf(() => resolveTenant(p, [acme, globex], { header: 'globex', cookie: null }))).toBe(
      'forbidden',
    );
    expect(resolveTenant(p, [acme, globex], { header: 'acme', cookie: null })).toBe(acme);
  });

  it("token: the user's membership is gone → the token no longer authenticates", () => {
    expect(codeOf(() => resolveTenant(tokenFor(acme.tenantId), [globex], none))).toBe(
      'unauthenticated',
    );
  });
});
