import { randomUUID } from 'node:crypto';
import { AppError, type DestructiveEvent } from '@rewind/core';
import { getInstance } from '@rewind/db';
import { workflowIds } from '@rewind/workflows/ids';
import { withTenant } from '@/server/api/with-tenant';
import { CONTROL_PLANE_QUEUE } from '@/server/instances/create-instance';
import { parseWalEventsQuery } from '@/server/instances/wal-events-query';
import { temporalClient } from '@/server/temporal';
import type { WalEventsResponse } from '@/lib/api-types';

export const dynamic = 'force-dynamic';

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
    const events = (await client.workflow.execute('findWalEvents', {
      taskQueue: CONTROL_PLANE_QUEUE,
      workflowId: workflowIds.findWalEvents(tenant.tenantId, row.id, randomUUID()),
      args: [{ tenantId: tenant.tenantId, instanceId: row.id, from, to }],
      workflowExecutionTimeout: '5 minutes',
    })) as DestructiveEvent[];
    const response: WalEventsResponse = {
      from,
      to,
      events: events.map(({ committedAt, ...e }) => ({ ...e, time: committedAt })),
    };
    return Response.json(response, { headers: { 'cache-control': 'no-store' } });
  },
  { permissions: ['instance:read'] },
);
