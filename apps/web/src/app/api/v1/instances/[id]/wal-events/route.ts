import { randomUUID } from 'node:crypto';
import { AppError } from '@rewind/core';
import { getInstance } from '@rewind/db';
import { workflowIds } from '@rewind/workflows/ids';
import { withTenant } from '@/server/api/with-tenant';
import { CONTROL_PLANE_QUEUE } from '@/server/instances/create-instance';
import { parseWalEventsQuery } from '@/server/instances/wal-events-query';
import { temporalClient } from '@/server/temporal';

export const dynamic = 'force-dynamic';

interface DestructiveEventView {
  kind: string;
  xid: number;
  lsn: string;
  committedAt: string;
  relations?: string[];
  relationOids?: number[];
  dbOid?: number;
  rowCount?: number;
  confidence: string;
}

/**
 * GET /api/v1/instances/{id}/wal-events?from=&to= → destructive events (drop, truncate, mass
 * delete/update) found in archived WAL. The WAL is read on the instance's host, which holds the
 * repo's cipher pass, through a short workflow this request waits for.
 */
export const GET = withTenant<{ id: string }>(
  async ({ tx, tenant, params, req }) => {
    const { from, to } = parseWalEventsQuery(req.nextUrl.searchParams);
    const row = await getInstance(tx, tenant.tenantId, params.id);
    let client;
    try {
      client = await temporalClient();
    } catch {
      throw new AppError('unavailable', 'the orchestrator is unavailable; try again shortly');
    }
    const events = (await client.workflow.execute('walEvents', {
      taskQueue: CONTROL_PLANE_QUEUE,
      workflowId: workflowIds.walEvents(tenant.tenantId, row.id, randomUUID()),
      args: [{ tenantId: tenant.tenantId, instanceId: row.id, from, to }],
      workflowExecutionTimeout: '5 minutes',
    })) as DestructiveEventView[];
    return Response.json(
      {
        from,
        to,
        events: events.map(({ committedAt, ...e }) => ({ ...e, time: committedAt })),
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['instance:read'] },
);
