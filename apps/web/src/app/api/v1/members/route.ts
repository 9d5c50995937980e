import { listMembers } from '@rewind/db';
import { addTenantMember } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { platformDb } from '@/server/db';
import { addMemberBody } from '@/server/tenancy/member-bodies';

export const dynamic = 'force-dynamic';

export const GET = withTenant(
  async ({ tx, tenant }) => {
    const members = await listMembers(tx, tenant.tenantId);
    return Response.json(
      members.map((m) => ({ userId: m.userId, email: m.email, name: m.name, role: m.role, since: m.createdAt.toISOString() })),
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['member:read'] },
);

/** Adds an existing Rewind user by email. People are global, so the lookup runs on the platform pool. */
export const POST = withTenant(
  async ({ tx, tenant, principal, req }) => {
    const body = await readJsonBody(req, addMemberBody);
    const added = await addTenantMember(tx, platformDb().db, {
      tenantId: tenant.tenantId,
      email: body.email,
      role: body.role,
      actor: auditActor(principal),
    });
    return Response.json(added, { status: 201, headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['member:manage'] },
);
