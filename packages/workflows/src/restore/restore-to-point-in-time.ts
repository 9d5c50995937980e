import {
  ActivityCancellationType,
  CancellationScope,
  ApplicationFailure,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activity-types';
import {
  approvalSignal,
  approveRestoreUpdate,
  extendCloneUpdate,
  rejectRestoreUpdate,
  restoreProgressQuery,
  type RestoreDecisionPayload,
  type RestoreProgressView,
} from '../messages';
import { CONTROL_PLANE_QUEUE, hostQueue } from '../task-queues';

// Messages this workflow answers (declared in ../messages.ts, shared with the web API):
//   update approveRestoreUpdate / rejectRestoreUpdate ({ approverUserId, reason })
//   update extendCloneUpdate ({ expiresAt, byUserId })
//   query  restoreProgressQuery
//   signal approvalSignal ({ approved, by, reason }): the older placeholder, still honoured; a
//          signal cannot answer, so one from the requester is ignored (prefer the updates)
// Cancellation is Temporal's own (handle.cancel()): compensations then run, status cancelled.

export interface RestoreToPointInTimeInput {
  tenantId: string;
  instanceId: string;
  restoreId: string;
  /** user id of the requester; never allowed to approve their own restore */
  requestedBy: string | null;
  mode: 'clone';
  needsApproval: boolean;
  /** the source's host: restore activities run on its queue */
  hostId: string;
  /** tests run their own worker on a unique queue; production derives it from hostId */
  hostTaskQueue?: string;
  controlPlaneQueue?: string;
  approvalTimeoutSeconds?: number;
  cloneTtlSeconds?: number;
}

export interface RestoreToPointInTimeResult {
  status: RestoreProgressView['status'];
  cloneId: string | null;
  region: string | null;
}

/** ActivityFailure says only "Activity task failed"; the reason is in its causes. */
function failureMessage(err: unknown): string {
  let e: unknown = err;
  let last = String(err);
  while (e instanceof Error) {
    last = e.message;
    e = (e as { cause?: unknown }).cause;
  }
  return last;
}

const DAY_SECONDS = 24 * 60 * 60;
const PERCENT: Record<string, number> = {
  validating: 2,
  awaiting_approval: 5,
  provisioning: 10,
  restoring: 15,
  starting: 65,
  waiting_for_promotion: 70,
  verifying: 88,
  outcome: 96,
  done: 100,
};

export async function restoreToPointInTime(
  input: RestoreToPointInTimeInput,
): Promise<RestoreToPointInTimeResult> {
  const records = proxyActivities<Activities>({
    taskQueue: input.controlPlaneQueue ?? CONTROL_PLANE_QUEUE,
    startToCloseTimeout: '1 minute',
    retry: {
      maximumAttempts: 5,
      initialInterval: '1 second',
      nonRetryableErrorTypes: ['AppError'],
    },
  });
  const host = proxyActivities<Activities>({
    taskQueue: input.hostTaskQueue ?? hostQueue(input.hostId),
    startToCloseTimeout: '6 hours',
    // a dead worker is noticed within this, and the activity is retried on a live one
    heartbeatTimeout: '1 minute',
    retry: { maximumAttempts: 3, initialInterval: '5 seconds' },
    // a cancelled restore finishes its pgbackrest run before compensation removes the directory
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  });
  const cleanup = proxyActivities<Activities>({
    taskQueue: input.hostTaskQueue ?? hostQueue(input.hostId),
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '1 minute',
    retry: { maximumAttempts: 10, initialInterval: '5 seconds' },
  });

  const view: RestoreProgressView = {
    status: input.needsApproval ? 'pending_approval' : 'running',
    phase: 'validating',
    percent: PERCENT.validating!,
    region: null,
    checks: [],
    cloneId: null,
    expiresAt: null,
    error: null,
  };
  let decision: { approved: boolean; by: string; reason: string } | undefined;
  let expiresAtMs: number | null = null;

  setHandler(restoreProgressQuery, () => view);
  const decide = (approved: boolean) => ({
    validator: (p: RestoreDecisionPayload) => {
      if (view.status !== 'pending_approval' || decision)
        throw new Error(`this restore is not awaiting approval (phase ${view.phase})`);
      if (!p.approverUserId) throw new Error('approverUserId is required');
      if (!p.reason || p.reason.trim().length === 0) throw new Error('a reason is required');
      if (p.approverUserId === input.requestedBy)
        throw new Error(
          'the person who requested a restore cannot approve or reject it; ask another owner or admin',
        );
    },
    handler: (p: RestoreDecisionPayload) => {
      decision = { approved, by: p.approverUserId, reason: p.reason };
      return { status: approved ? ('approved' as const) : ('rejected' as const) };
    },
  });
  const approve = decide(true);
  const reject = decide(false);
  setHandler(approveRestoreUpdate, approve.handler, { validator: approve.validator });
  setHandler(rejectRestoreUpdate, reject.handler, { validator: reject.validator });
  setHandler(approvalSignal, (d) => {
    if (view.status !== 'pending_approval' || decision || !d.by || d.by === input.requestedBy)
      return;
    decision = { approved: d.approved, by: d.by, reason: d.reason ?? '' };
  });
  setHandler(
    extendCloneUpdate,
    (p) => {
      expiresAtMs = Date.parse(p.expiresAt);
      view.expiresAt = new Date(expiresAtMs).toISOString();
      return { expiresAt: view.expiresAt };
    },
    {
      validator: (p) => {
        if (view.status !== 'succeeded')
          throw new Error('only a finished clone has an expiry to move');
        if (Number.isNaN(Date.parse(p.expiresAt)))
          throw new Error('expiresAt must be an RFC 3339 time');
      },
    },
  );

  const ids = { tenantId: input.tenantId, restoreId: input.restoreId };
  const record = (
    patch: Partial<
      Pick<RestoreProgressView, 'status' | 'phase' | 'region' | 'checks' | 'error'>
    > & { finished?: boolean },
    audit?: { action: string; data?: Record<string, unknown> },
  ) => {
    Object.assign(view, patch);
    if (patch.phase) view.percent = PERCENT[patch.phase] ?? view.percent;
    return records.recordRestore({
      ...ids,
      patch: {
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.phase ? { phase: patch.phase, progress: { percent: view.percent } } : {}),
        ...(patch.region !== undefined ? { region: patch.region } : {}),
        ...(patch.checks ? { checks: patch.checks } : {}),
        ...(patch.error !== undefined ? { error: patch.error } : {}),
        ...(patch.finished ? { finished: true } : {}),
      },
      ...(audit ? { audit } : {}),
    });
  };

  // Saga: each step that leaves something behind pushes its undo first.
  const compensations: Array<() => Promise<void>> = [];
  try {
    // phase: validating (the window may have moved since the request)
    const run = await records.planRestoreRun(ids);

    // phase: awaiting_approval
    if (input.needsApproval) {
      await record({ phase: 'awaiting_approval', status: 'pending_approval' });
      const decided = await condition(
        () => decision !== undefined,
        (input.approvalTimeoutSeconds ?? DAY_SECONDS) * 1000,
      );
      if (!decided) {
        await record(
          { status: 'expired', phase: 'done', finished: true },
          { action: 'restore.expired' },
        );
        return { status: 'expired', cloneId: null, region: null };
      }
      if (!decision!.approved) {
        await record(
          { status: 'rejected', phase: 'done', finished: true },
          { action: 'restore.rejected', data: { by: decision!.by, reason: decision!.reason } },
        );
        return { status: 'rejected', cloneId: null, region: null };
      }
      await record(
        { status: 'running' },
        { action: 'restore.approved', data: { by: decision!.by, reason: decision!.reason } },
      );
    }

    // phase: provisioning
    await record({ phase: 'provisioning', status: 'running' });
    const ttlMs = (input.cloneTtlSeconds ?? DAY_SECONDS) * 1000;
    const clone = await records.createCloneRecord({
      ...ids,
      expiresAt: new Date(Date.now() + ttlMs).toISOString(),
    });
    view.cloneId = clone.cloneId;
    compensations.push(async () => {
      await cleanup.destroyClone({ cloneId: clone.cloneId });
      await records.setCloneRecord({
        tenantId: input.tenantId,
        cloneId: clone.cloneId,
        status: 'deleted',
      });
    });

    // phase: restoring
    await record({ phase: 'restoring', region: run.candidates[0]!.region });
    const from = await host.restoreClone({
      ...ids,
      sourceInstanceId: run.sourceInstanceId,
      cloneId: clone.cloneId,
      candidates: run.candidates,
      target: run.target,
    });
    await record(
      { region: from.region },
      from.fellBackFrom.length > 0
        ? {
            action: 'restore.region_fallback',
            data: { usedRegion: from.region, failed: from.fellBackFrom },
          }
        : undefined,
    );

    // phase: starting + waiting_for_promotion (one activity: the wait is a poll of the same server)
    await record({ phase: 'starting' });
    await record({ phase: 'waiting_for_promotion' });
    await host.startClone({ ...ids, cloneId: clone.cloneId, port: clone.port });

    // phase: verifying
    await record({ phase: 'verifying' });
    const checks = await host.verifyClone({
      tenantId: input.tenantId,
      cloneId: clone.cloneId,
      sourceInstanceId: run.sourceInstanceId,
      port: clone.port,
      target: run.target,
    });
    await record({ checks });
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0)
      throw ApplicationFailure.nonRetryable(
        `integrity check(s) failed: ${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}`,
        'IntegrityCheckFailed',
      );

    // phase: outcome (clone: hand it over with its expiry)
    await record({ phase: 'outcome' });
    await host.openClone({ cloneId: clone.cloneId, port: clone.port });
    expiresAtMs = Date.now() + ttlMs;
    view.expiresAt = new Date(expiresAtMs).toISOString();
    await records.setCloneRecord({
      tenantId: input.tenantId,
      cloneId: clone.cloneId,
      status: 'running',
      expiresAt: view.expiresAt,
    });
    await record(
      { phase: 'done', status: 'succeeded', finished: true },
      {
        action: 'restore.succeeded',
        data: { cloneId: clone.cloneId, region: from.region, backup: from.backupLabel, checks },
      },
    );
  } catch (err) {
    const cancelled = isCancellation(err);
    const reason = cancelled ? 'cancelled' : failureMessage(err);
    await CancellationScope.nonCancellable(async () => {
      for (const undo of compensations.reverse()) await undo();
      await record(
        {
          status: cancelled ? 'cancelled' : 'failed',
          phase: 'done',
          error: reason,
          finished: true,
        },
        {
          action: cancelled ? 'restore.cancelled' : 'restore.failed',
          data: { error: reason.slice(0, 2000), phase: view.phase },
        },
      );
    });
    if (cancelled) throw err;
    return { status: 'failed', cloneId: null, region: view.region };
  }

  // The clone lives until its expiry, which extendCloneUpdate may move; the timer is durable.
  const cloneId = view.cloneId!;
  for (;;) {
    const at = expiresAtMs!;
    const moved = await condition(() => expiresAtMs !== at, Math.max(1, at - Date.now()));
    if (!moved) break;
  }
  await CancellationScope.nonCancellable(async () => {
    await cleanup.destroyClone({ cloneId });
    await records.setCloneRecord({ tenantId: input.tenantId, cloneId, status: 'deleted' });
    await records.recordRestore({
      ...ids,
      patch: { phase: 'clone_destroyed' },
      audit: { action: 'restore.clone_expired', data: { cloneId } },
    });
  });
  return { status: 'succeeded', cloneId, region: view.region };
}
