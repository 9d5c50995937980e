import { appendAuditEvent, removeMember, updateMemberRole } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { updateMemberBody } from '@/server/tenancy/member-bodies';

export const dynamic = 'force-dynamic';

export const PATCH = withTenant<{ userId: string }>(
  async ({ tx, tenant, principal, params, req }) => {
    const body = await readJsonBody(req, updateMemberBody);
    const change = await updateMemberRole(tx, tenant.tenantId, params.userId, body.role);
    if (change.from !== change.to) {
      await appendAuditEvent(tx, {
        tenantId: tenant.tenantId,
        actor: auditActor(principal),
        action: 'member.role_changed',
        target: { type: 'user', id: params.userId },
        data: change,
      });
    }
    return Response.json({ userId: params.userId, role: change.to }, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['member:manage'] },
);

/** Removes a member (never the last owner) and revokes their tokens for this tenant. */
export const DELETE = withTenant<{ userId: string }>(
  async ({ tx, tenant, principal, params }) => {
    const removed = await removeMember(tx, tenant.tenantId, params.userId);
    await appendAuditEvent(tx, {
      tenantId: tenant.tenantId,
      actor: auditActor(principal),
      action: 'member.removed',
      target: { type: 'user', id: params.userId },
      data: removed,
    });
    return new Response(null, { status: 204 });
  },
  { permissions: ['member:manage'] },
);
