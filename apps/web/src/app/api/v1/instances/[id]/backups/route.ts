import { randomUUID } from 'node:crypto';
import { AppError } from '@rewind/core';
import { appendAuditEvent, getInstance, listBackups } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { auditActor } from '@/server/audit/audit-actor';
import { withTenant } from '@/server/api/with-tenant';
import { startBackupBody, startBackupWorkflow } from '@/server/instances/start-backup';

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
    const body = req.headers.get('content-type') ? await readJsonBody(req, startBackupBody) : startBackupBody.parse({});
    // another tenant's instance is not_found like any unknown id
    const row = await getInstance(tx, tenant.tenantId, params.id);
    if (row.status !== 'running')
      throw new AppError('conflict', `instance ${row.name} is ${row.status}; only a running instance can be backed up`);
    const requestId = randomUUID();
    await appendAuditEvent(tx, {
      tenantId: tenant.tenantId,
      actor: auditActor(principal),
      action: 'backup.requested',
      target: { type: 'instance', id: row.id },
      data: { type: body.type, requestId },
    });
    afterCommit(async () => {
      await startBackupWorkflow({
        tenantId: tenant.tenantId,
        instanceId: row.id,
        requestId,
        type: body.type,
        requestedBy: principal.userId,
      });
    });
    return Response.json(
      { id: requestId, instanceId: row.id, type: body.type, status: 'started' },
      { status: 202, headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['instance:backup'] },
);
