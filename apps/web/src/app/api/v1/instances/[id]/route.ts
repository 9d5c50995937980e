import { getInstance, getInstancePlan, getInstanceWindow } from '@rewind/db';
import {
  cloneExpiryLimit,
  requestDeleteClone,
  requestDeleteInstance,
  startCloneDelete,
  setLegalHold,
} from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { auditActor } from '@/server/audit/audit-actor';
import { legalHoldBody } from '@/server/tenancy/member-bodies';
import { withTenant } from '@/server/api/with-tenant';
import { env } from '@/server/env';
import { acceptLifecycleAction } from '@/server/instances/lifecycle-action-route';
import { instanceHost } from '@/server/instances/instance-host';
import { connectsAsOwner } from '@/server/instances/connect-as-owner';
import { toInstanceDetail } from '@/server/instances/instance-view';
import { serviceDeps } from '@/server/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params, principal }) => {
    // RLS hides another tenant's instance, so it is not_found like any unknown or malformed id.
    const row = await getInstance(tx, tenant.tenantId, params.id);
    // restorable window per region from the data-plane catalog (backups, WAL ranges, newest commit)
    const { regions, rpoSeconds, lastBackup, geoCheck } = await getInstanceWindow(
      tx,
      tenant.tenantId,
      row.id,
      {
        regions: [env().REGION_A_NAME, env().REGION_B_NAME],
      },
    );
    const detail = toInstanceDetail(row, instanceHost(), connectsAsOwner(principal, tenant));
    // a clone's Extend TTL stops at the plan's lifetime for clones
    const maxExpiresAt =
      row.kind === 'clone'
        ? cloneExpiryLimit(row, (await getInstancePlan(tx, tenant.tenantId)).cloneTtlHoursMax)
        : null;
    return Response.json(
      {
        ...detail,
        maxExpiresAt: maxExpiresAt?.toISOString() ?? null,
        window: { regions },
        rpoSeconds,
        lastBackup,
        geoCheck,
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['instance:read'] },
);

/** Legal hold on or off (owners and admins): held instances keep backups past retention. */
export const PATCH = withTenant<{ id: string }>(
  async ({ tx, tenant, params, principal, req }) => {
    const body = await readJsonBody(req, legalHoldBody);
    const held = await setLegalHold(tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      legalHold: body.legalHold,
      actor: auditActor(principal),
    });
    return Response.json(held, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['retention:update'] },
);

/**
 * DELETE /api/v1/instances/{id} → 202 `{ id, status: 'deleting' }` (owners only). The data
 * directory goes now; backups and WAL are kept until retention ends. 409 while a legal hold is on,
 * a restore of it is pending or running, or it is not running, stopped or failed. A clone (Delete
 * now) ends as its TTL would, now: its restore's workflow removes it.
 */
export const DELETE = withTenant<{ id: string }>(
  async (ctx) => {
    const { tx, tenant, principal, params, afterCommit } = ctx;
    const row = await getInstance(tx, tenant.tenantId, params.id);
    if (row.kind === 'clone') {
      const clone = await requestDeleteClone(tx, {
        tenantId: tenant.tenantId,
        instanceId: row.id,
        actor: auditActor(principal),
        byUserId: principal.userId,
      });
      afterCommit(() => startCloneDelete(serviceDeps(), clone));
      return Response.json({ id: clone.instanceId, status: clone.status }, { status: 202 });
    }
    return acceptLifecycleAction(ctx, requestDeleteInstance);
  },
  { permissions: ['instance:delete'] },
);

const notAllowed = methodNotAllowed(['GET', 'PATCH', 'DELETE']);
export { notAllowed as POST, notAllowed as PUT };
