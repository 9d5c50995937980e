import { ParentClosePolicy, proxyActivities, sleep, startChild, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../activity-types';
import type { RelationNamesClone } from '@rewind/activities';
import { workflowIds } from '../ids';
import { expireCloneSignal } from '../messages';
import { restoreToPointInTime } from '../restore/restore-to-point-in-time';
import { failureMessage } from '../restore/restore-state';
import { catalogProxy, hostProxy } from './activity-options';

export interface ResolveRelationNamesInput {
  tenantId: string;
  instanceId: string;
  /** the event's transaction: the clone is restored to just before its commit */
  xid: string;
  /** the event's commit time (RFC 3339): the instant the names are recorded at */
  committedAt: string;
}

export interface ResolveRelationNamesResult {
  restoreId: string | null;
  reused: boolean;
  recorded: number;
  /** why nothing could be read (no restorable backup before the event, the clone failed) */
  error?: string;
}

/** catalog syncs run every 15 s: five minutes of "not yet restorable" means it never will be */
const PLAN_TRIES = 20;
const PLAN_RETRY = '15 seconds';
const planOnce = () =>
  proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 1 } });

const TERMINAL = ['failed', 'cancelled', 'rejected', 'expired'];
/** a clone that is not up in this long is not coming (a restore's own phases time out sooner) */
const CLONE_WAIT_POLLS = 40 * 20;
/** the clone only lives for one catalog read; should this workflow never end it, its TTL does */
const CLONE_TTL_SECONDS = 1800;

/**
 * Names the relations of an event that no catalog sync saw (a table made and dropped between two
 * syncs): a clone at `{ xid, inclusive: false }` (the tenant's time-travel clone at that target
 * if one exists, else a transient platform clone restore as a child), its catalog read and
 * recorded into relation_names as of the event, then the transient clone ended at once.
 * Started in the background by GET …/wal-events, one per event xid (its id says which).
 */
export async function resolveRelationNames(
  input: ResolveRelationNamesInput,
): Promise<ResolveRelationNamesResult> {
  // a run that could not name is still done: wal-events then answers `unresolved`, not a new
  // clone at every call (only a run that crashed is started again)
  try {
    return await readClone(input);
  } catch (err) {
    return { restoreId: null, reused: false, recorded: 0, error: failureMessage(err) };
  }
}

async function readClone(input: ResolveRelationNamesInput): Promise<ResolveRelationNamesResult> {
  const records = catalogProxy();
  const restoreId = uuid4();
  const request = {
    tenantId: input.tenantId,
    instanceId: input.instanceId,
    target: { xid: input.xid, inclusive: false },
    restoreId,
    restoreWorkflowId: workflowIds.restore(input.tenantId, input.instanceId, restoreId),
  };
  // the event was found in archived WAL, but the window the planner checks an xid against moves
  // at the next catalog sync: "after the restorable window" for a while is expected
  let clone: RelationNamesClone | undefined;
  for (let tries = 1; !clone; tries++) {
    try {
      clone = await planOnce().startRelationNamesRestore(request);
    } catch (err) {
      if (tries >= PLAN_TRIES) throw err;
      await sleep(PLAN_RETRY);
    }
  }
  const child = clone.restoreWorkflowId
    ? await startChild(restoreToPointInTime, {
        workflowId: clone.restoreWorkflowId,
        args: [
          {
            tenantId: input.tenantId,
            instanceId: input.instanceId,
            restoreId: clone.restoreId,
            requestedBy: null,
            mode: 'clone',
            needsApproval: false,
            hostId: clone.hostId,
            cloneTtlSeconds: CLONE_TTL_SECONDS,
          },
        ],
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      })
    : null;
  const ref = { tenantId: input.tenantId, restoreId: clone.restoreId };
  try {
    for (let polls = 0; ; polls++) {
      const s = await records.readCloneRestore(ref);
      if (s.status === 'succeeded' && s.cloneStatus === 'running') break;
      if (TERMINAL.includes(s.status) || polls >= CLONE_WAIT_POLLS)
        throw new Error(
          `the clone to name the relations of xid ${input.xid} could not be made: ${s.error ?? s.status}`,
        );
      await sleep('3 seconds');
    }
    const { recorded } = await hostProxy(clone.hostId, {
      startToClose: '5 minutes',
    }).recordRelationNamesFromClone({
      tenantId: input.tenantId,
      instanceId: input.instanceId,
      restoreId: clone.restoreId,
      at: input.committedAt,
    });
    return { restoreId: clone.restoreId, reused: clone.reused, recorded };
  } finally {
    // a transient clone goes now, whatever the read did; a reused one is the tenant's
    if (child) {
      await child.signal(expireCloneSignal).catch(() => undefined);
      await child.result().catch(() => undefined);
    }
  }
}
