import { changeMemberRole, removeTenantMember } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { updateMemberBody } from '@/server/tenancy/member-bodies';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const PATCH = withTenant<{ userId: string }>(
  async ({ tx, tenant, principal, params, req }) => {
    const body = await readJsonBody(req, updateMemberBody);
    const changed = await changeMemberRole(tx, {
      tenantId: tenant.tenantId,
      userId: params.userId,
      role: body.role,
      actor: auditActor(principal),
    });
    return Response.json(changed, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['member:manage'] },
);

/** Removes a member (never the last owner) and revokes their tokens for this tenant. */
export const DELETE = withTenant<{ userId: string }>(
  async ({ tx, tenant, principal, params }) => {
    await removeTenantMember(tx, {
      tenantId: tenant.tenantId,
      userId: params.userId,
      actor: auditActor(principal),
    });
    return new Response(null, { status: 204 });
  },
  { permissions: ['member:manage'] },
);

const notAllowed = methodNotAllowed(['PATCH', 'DELETE']);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
