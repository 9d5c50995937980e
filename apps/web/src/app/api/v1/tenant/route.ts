import { appendAuditEvent, getTenantSettings, updateTenantSettings } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { startApplyTenantPlan } from '@/server/tenancy/start-apply-tenant-plan';
import { tenantPatchBody, toTenantView } from '@/server/tenancy/tenant-settings';

export const dynamic = 'force-dynamic';

export const GET = withTenant(
  async ({ tx, tenant }) =>
    Response.json(toTenantView(await getTenantSettings(tx, tenant.tenantId)), { headers: { 'cache-control': 'no-store' } }),
  { permissions: ['instance:read'] },
);

/** Retention (bounded by the plan: 422 with the bound) and approval policy; owners and admins. */
export const PATCH = withTenant(
  async ({ tx, tenant, principal, req, afterCommit }) => {
    const body = await readJsonBody(req, tenantPatchBody);
    const change = await updateTenantSettings(tx, tenant.tenantId, body);
    // retention reaches every instance's expiry and pgbackrest.conf; given unchanged too, so a
    // repeat after an orchestrator outage still applies it
    if (body.retentionDays !== undefined)
      afterCommit(() => startApplyTenantPlan(tenant.tenantId, { requestedBy: principal.userId, reason: 'tenant.retention_changed' }));
    if (change.changed.retentionDays) {
      await appendAuditEvent(tx, {
        tenantId: tenant.tenantId,
        actor: auditActor(principal),
        action: 'tenant.retention_changed',
        target: { type: 'tenant', id: tenant.tenantId },
        data: change.changed.retentionDays,
      });
    }
    if (change.changed.approvalPolicy) {
      await appendAuditEvent(tx, {
        tenantId: tenant.tenantId,
        actor: auditActor(principal),
        action: 'tenant.approval_policy_changed',
        target: { type: 'tenant', id: tenant.tenantId },
        data: change.changed.approvalPolicy,
      });
    }
    return Response.json(toTenantView(change.after), { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['retention:update'] },
);
