import 'server-only';
import { findRestoreTenant, inTenantTx } from '@rewind/db';
import { readJsonBody } from '../api/read-json-body';
import { withPlatformAdmin } from '../api/with-platform-admin';
import { withTenant } from '../api/with-tenant';
import { auditActor } from '../audit/audit-actor';
import { appDb } from '../db';
import { decideRestore, decisionBody } from './decide-restore';

/** POST /api/v1/restores/{id}/approve|reject: an owner or admin of the tenant who did not request it. */
export function tenantDecisionRoute(approved: boolean) {
  return withTenant<{ id: string }>(
    async ({ tx, tenant, principal, params, req, afterCommit }) => {
      const body = await readJsonBody(req, decisionBody);
      return decideRestore({
        tx,
        tenantId: tenant.tenantId,
        restoreId: params.id,
        decider: { userId: principal.userId, actor: auditActor(principal), viaPlatformAdmin: false },
        approved,
        reason: body.reason,
        afterCommit,
      });
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
    const hooks: Array<() => Promise<void>> = [];
    const response = await inTenantTx(appDb().db, { tenantId, userId: principal.userId }, (tx) =>
      decideRestore({
        tx,
        tenantId,
        restoreId: params.id,
        decider: { userId: principal.userId, actor: auditActor(principal), viaPlatformAdmin: true },
        approved,
        reason: body.reason,
        afterCommit: (fn) => hooks.push(fn),
      }),
    );
    for (const hook of hooks) await hook();
    return response;
  });
}
