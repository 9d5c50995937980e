import 'server-only';
import { can } from '@rewind/core';
import type { Principal, TenantMembership } from '../auth/principal';

/** Owner-role credentials only with `instance:connect_owner` (and a token scoped to allow it). */
export function connectsAsOwner(principal: Principal, tenant: TenantMembership): boolean {
  if (!can(tenant.role, 'instance:connect_owner')) return false;
  return (
    principal.kind !== 'token' ||
    principal.scopes.length === 0 ||
    principal.scopes.includes('instance:connect_owner')
  );
}
