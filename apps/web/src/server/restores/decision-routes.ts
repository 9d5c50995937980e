import 'server-only';
import { findRestoreTenant, inTenantTx } from '@rewind/db';
import { decideRestore, deliverApproval, type RecordedDecision } from '@rewind/services';
import { readJsonBody } from '../api/read-json-body';
import { withPlatformAdmin } from '../api/with-platform-admin';
import { withTenant } from '../api/with-tenant';
import { auditActor } from '../audit/audit-actor';
import { appDb } from '../db';
import { serviceDeps } from '../services';
import { decisionBody } from './decision-body';

function decisionResponse(d: RecordedDecision): Response {
  return Response.json(
    { id: d.id, decision: d.decision, approvalId: d.approvalId },
    { status: 202, headers: { 'cache-control': 'no-store' } },
  );
}

/** POST /api/v1/restores/{id}/approve|reject: an owner or admin of the tenant who did not request it. */
export function tenantDecisionRoute(approved: boolean) {
  return withTenant<{ id: string }>(
    async ({ tx, tenant, principal, params, req, afterCommit }) => {
      const body = await readJsonBody(req, decisionBody);
      const decided = await decideRestore(tx, {
        tenantId: tenant.tenantId,
        restoreId: params.id,
        decider: {
          userId: principal.userId,
          actor: auditActor(principal),
          viaPlatformAdmin: false,
        },
        approved,
        reason: body.reason,
      });
      afterCommit(() => deliverApproval(serviceDeps(), decided.delivery));
      return decisionResponse(decided);
    },
    { permissions: ['restore:approve'] },
  );
}

/**
 * POST /api/v1/admin/restores/{id}/approve|reject: a platform admin on any tenant. The restore's
 * tenant is found on the platform pool; the decision is then recorded in that tenant's own
 * transaction, so RLS and the audit chain apply as for any tenant decision.
 */
export function platformDecisionRoute(approved: boolean) {
  return withPlatformAdmin<{ id: string }>(async ({ db, principal, params, req }) => {
    const body = await readJsonBody(req, decisionBody);
    const tenantId = await findRestoreTenant(db, params.id);
    const decided = await inTenantTx(appDb().db, { tenantId, userId: principal.userId }, (tx) =>
      decideRestore(tx, {
        tenantId,
        restoreId: params.id,
        decider: { userId: principal.userId, actor: auditActor(principal), viaPlatformAdmin: true },
        approved,
        reason: body.reason,
      }),
    );
    await deliverApproval(serviceDeps(), decided.delivery);
    return decisionResponse(decided);
  });
}
