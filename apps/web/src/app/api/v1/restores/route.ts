import { findUserEmails, listRestores } from '@rewind/db';
import { readQuery } from '@/server/api/read-query';
import { withTenant } from '@/server/api/with-tenant';
import { restoreListQuery } from '@/server/restores/decision-body';
import { toRequesterView } from '@/server/restores/requesters';
import type { RestoreListItem } from '@/lib/api-types';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** GET /api/v1/restores?instanceId=&limit= → the tenant's restores, newest first (no credentials). */
export const GET = withTenant(
  async ({ tx, tenant, req }) => {
    const q = readQuery(req.nextUrl, restoreListQuery);
    const rows = await listRestores(tx, tenant.tenantId, {
      instanceId: q.instanceId,
      limit: q.limit,
    });
    const emails = await findUserEmails(
      tx,
      rows.map((r) => r.requestedBy),
    );
    const items: RestoreListItem[] = rows.map((r) => ({
      id: r.id,
      instanceId: r.instanceId,
      instanceName: r.instanceName,
      status: r.status,
      phase: r.phase,
      mode: r.mode,
      requestedBy: toRequesterView(r.requestedBy, emails),
      target: r.target,
      region: r.region,
      resultInstanceId: r.resultInstanceId,
      clone: r.clone ? { ...r.clone, expiresAt: r.clone.expiresAt?.toISOString() ?? null } : null,
      error: r.error,
      // every integrity check ran and passed; null until checks exist
      verified: r.checks.length > 0 ? r.checks.every((c) => c.ok) : null,
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    }));
    return Response.json(items, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['restore:read'] },
);

const notAllowed = methodNotAllowed(['GET']);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
