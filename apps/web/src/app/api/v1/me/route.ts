import { permissionsFor } from '@rewind/core';
import { withTenant } from '@/server/api/with-tenant';
import type { MeResponse } from '@/lib/api-types';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Who am I, acting on which tenant, allowed to do what: the portal builds its chrome from this. */
export const GET = withTenant(
  async ({ principal, tenant, memberships }) => {
    const body: MeResponse = {
      principal: {
        kind: principal.kind,
        userId: principal.userId,
        email: principal.email,
        name: principal.name,
        isPlatformAdmin: principal.isPlatformAdmin,
      },
      tenant: { id: tenant.tenantId, slug: tenant.slug, name: tenant.name },
      role: tenant.role,
      permissions: permissionsFor(tenant.role),
      tenants: memberships.map((m) => ({
        id: m.tenantId,
        slug: m.slug,
        name: m.name,
        role: m.role,
      })),
    };
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: [] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
