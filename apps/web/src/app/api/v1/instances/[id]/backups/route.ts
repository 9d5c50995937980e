import { listBackups } from '@rewind/db';
import { requestBackup, startBackup } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { auditActor } from '@/server/audit/audit-actor';
import { withTenant } from '@/server/api/with-tenant';
import { startBackupBody } from '@/server/instances/instance-bodies';
import { serviceDeps } from '@/server/services';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** GET /api/v1/instances/{id}/backups → the catalog's backups, oldest first, every region. */
export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params }) => {
    const rows = await listBackups(tx, tenant.tenantId, params.id);
    return Response.json(
      rows.map((b) => ({
        label: b.label,
        type: b.type,
        region: b.region,
        startedAt: b.startedAt.toISOString(),
        stoppedAt: b.stoppedAt.toISOString(),
        sizeBytes: b.sizeBytes,
      })),
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['instance:read'] },
);

/** POST /api/v1/instances/{id}/backups `{ type? }` → 202: a backup to both regions starts now. */
export const POST = withTenant<{ id: string }>(
  async ({ tx, tenant, principal, params, req, afterCommit }) => {
    const body = req.headers.get('content-type')
      ? await readJsonBody(req, startBackupBody)
      : startBackupBody.parse({});
    const accepted = await requestBackup(tx, {
      tenantId: tenant.tenantId,
      instanceId: params.id,
      type: body.type,
      actor: auditActor(principal),
      requestedBy: principal.userId,
    });
    afterCommit(() => startBackup(serviceDeps(), accepted));
    return Response.json(
      {
        id: accepted.requestId,
        instanceId: accepted.instanceId,
        type: accepted.type,
        status: 'started',
      },
      { status: 202, headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['instance:backup'] },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
