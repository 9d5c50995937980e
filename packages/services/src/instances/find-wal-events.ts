import { randomUUID } from 'node:crypto';
import type { DestructiveEventKind } from '@rewind/core';
import { getInstance, type Tx } from '@rewind/db';
import { executeWorkflow, workflowDefs } from '@rewind/workflows/start';
import { orchestrator } from '../orchestrator';
import type { ServiceDeps } from '../service-deps';
import { relationNameResolutions } from './relation-name-resolution';

/**
 * GET /api/v1/instances/{id}/wal-events: destructive events (drop, truncate, mass delete/update)
 * in archived WAL between `from` and `to` (of `kinds` when given), each named (database, schema,
 * table as at the event) with the target that restores to just before it. The WAL is read on the instance's host, which holds the
 * repo's cipher pass, through a short workflow this call waits for. An event no catalog sync
 * named (a table made and dropped between two syncs) comes back unnamed with `resolution:
 * "pending"` while a background workflow reads a clone's catalog at just before it; a later call
 * names it from relation_names.
 */
export async function findWalEvents(
  deps: ServiceDeps,
  tx: Tx,
  input: {
    tenantId: string;
    instanceId: string;
    from: string;
    to: string;
    kinds?: DestructiveEventKind[];
  },
) {
  // another tenant's instance is not_found like any unknown id
  const row = await getInstance(tx, input.tenantId, input.instanceId);
  const client = await orchestrator(deps, 'wal-events');
  const events = await executeWorkflow(client, workflowDefs.findWalEvents, {
    id: [input.tenantId, row.id, randomUUID()],
    args: [
      {
        tenantId: input.tenantId,
        instanceId: row.id,
        from: input.from,
        to: input.to,
        ...(input.kinds ? { kinds: input.kinds } : {}),
      },
    ],
    options: { workflowExecutionTimeout: '5 minutes' },
  });
  const resolutions = await relationNameResolutions(client, {
    tenantId: input.tenantId,
    instanceId: row.id,
    events,
  });
  return events.map((e, i) => ({ ...e, resolution: resolutions[i]! }));
}
