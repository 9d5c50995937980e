import { getInstanceWindow, listInstances } from '@rewind/db';
import { requestCreateInstance, startCreateInstance } from '@rewind/services';
import { env } from '@/server/env';
import { auditActor } from '@/server/audit/audit-actor';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { createInstanceBody } from '@/server/instances/instance-bodies';
import { toInstanceSummary } from '@/server/instances/instance-view';
import { serviceDeps } from '@/server/services';
import type { CreatedInstance } from '@/lib/api-types';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withTenant(
  async ({ tx, tenant }) => {
    const rows = await listInstances(tx, tenant.tenantId);
    // the list shows each instance's health at a glance: recovery point age and last backup (drills: GET …/drills)
    const out = [];
    for (const row of rows) {
      const w = await getInstanceWindow(tx, tenant.tenantId, row.id, {
        regions: [env().REGION_A_NAME, env().REGION_B_NAME],
      });
      out.push({
        ...toInstanceSummary(row),
        rpoSeconds: w.rpoSeconds,
        lastBackupAt: w.lastBackup?.stoppedAt ?? null,
      });
    }
    return Response.json(out, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['instance:read'] },
);

export const POST = withTenant(
  async ({ tx, tenant, req, afterCommit, principal }) => {
    const body = await readJsonBody(req, createInstanceBody);
    const e = env();
    const created = await requestCreateInstance(tx, {
      tenantId: tenant.tenantId,
      name: body.name,
      actor: auditActor(principal),
      hostId: e.REWIND_HOST_ID,
      secretKey: e.REWIND_SECRET_KEY,
    });
    afterCommit(() =>
      startCreateInstance(serviceDeps(), { tenantId: tenant.tenantId, instanceId: created.id }),
    );
    const response: CreatedInstance = { id: created.id, status: created.status };
    return Response.json(response, {
      status: 201,
      headers: { location: `/api/v1/instances/${created.id}` },
    });
  },
  { permissions: ['instance:create'] },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
