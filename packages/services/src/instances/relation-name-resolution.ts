import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  needsCatalogLookup,
  type NamedDestructiveEvent,
  type RelationNameResolution,
} from '@rewind/core';
import { startWorkflow, workflowDefs } from '@rewind/workflows/start';

/**
 * Where each event's names stand, starting the background read of a restored copy's catalog
 * for an event no sync named (once per xid: a running read answers `pending`, a finished one
 * that did not name it `unresolved`; a crashed one is started again). Never waits for a clone.
 */
export async function relationNameResolutions(
  client: Client,
  input: { tenantId: string; instanceId: string; events: readonly NamedDestructiveEvent[] },
): Promise<RelationNameResolution[]> {
  const byXid = new Map<string, Promise<RelationNameResolution>>();
  return Promise.all(
    input.events.map((event): Promise<RelationNameResolution> => {
      if (!needsCatalogLookup(event)) return Promise.resolve('recorded');
      const xid = String(event.xid);
      let found = byXid.get(xid);
      if (!found) {
        found = startOrRead(client, { ...input, xid, committedAt: event.committedAt });
        byXid.set(xid, found);
      }
      return found;
    }),
  );
}

async function startOrRead(
  client: Client,
  input: { tenantId: string; instanceId: string; xid: string; committedAt: string },
): Promise<RelationNameResolution> {
  const def = workflowDefs.resolveRelationNames;
  try {
    await startWorkflow(client, def, {
      id: [input.tenantId, input.instanceId, input.xid],
      args: [input],
      options: {
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        workflowExecutionTimeout: '1 hour',
      },
    });
    return 'pending';
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError))
      throw new Error(
        `while starting the read of a restored copy's catalog for xid ${input.xid}: ${(err as Error).message}`,
        { cause: err },
      );
    const run = await client.workflow
      .getHandle(def.id(input.tenantId, input.instanceId, input.xid))
      .describe();
    return run.status.name === 'RUNNING' ? 'pending' : 'unresolved';
  }
}
