import { AppError } from '@rewind/core';
import type { Principal, TenantMembership } from '../auth/principal';

export const TENANT_HEADER = 'x-rewind-tenant';
export const TENANT_COOKIE = 'rewind_tenant';

export interface TenantChoice {
  /** explicit per-request choice (API clients, scripts) */
  header: string | null;
  /** sticky choice of the browser's tenant switcher */
  cookie: string | null;
}

/**
 * Which tenant a request acts on. Pure, so the rules are unit-tested without a server:
 *  - a token acts on its own tenant only; a header naming another tenant is refused rather
 *    than silently ignored, so a script that thinks it talks to tenant B finds out;
 *  - a session uses the header, else the cookie, else its oldest membership (stable: joining
 *    another tenant later never moves it; see membershipsOfUser). An unknown
 *    header is refused (same answer whether the tenant exists or not); a stale cookie
 *    falls back, so a removed membership never locks the person out of the portal.
 */
export function resolveTenant(
  principal: Principal,
  memberships: readonly TenantMembership[],
  choice: TenantChoice,
): TenantMembership {
  if (principal.kind === 'token') {
    const own = memberships.find((m) => m.tenantId === principal.tenantId);
    // The token's user left the tenant: the token died with the membership.
    if (!own) throw new AppError('unauthenticated', 'API token is no longer valid');
    if (choice.header && choice.header !== own.slug) {
      throw new AppError(
        'forbidden',
        `this API token is bound to tenant '${own.slug}', not '${choice.header}'`,
      );
    }
    return own;
  }
  if (choice.header) {
    const chosen = memberships.find((m) => m.slug === choice.header);
    if (!chosen) throw new AppError('forbidden', `no access to tenant '${choice.header}'`);
    return chosen;
  }
  const fromCookie = choice.cookie ? memberships.find((m) => m.slug === choice.cookie) : undefined;
  const tenant = fromCookie ?? memberships[0];
  if (!tenant) throw new AppError('forbidden', 'you are not a member of any tenant');
  return tenant;
}
