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
  undoReplaceUpdate,
  type RestoreDecisionPayload,
  type RestoreProgressView,
  type UndoReplacePayload,
  type UndoReplaceResult,
} from '../messages';
import { CONTROL_PLANE_QUEUE, hostQueue } from '../task-queues';

// Messages this workflow answers (declared in ../messages.ts, shared with the web API):
//   update approveRestoreUpdate / rejectRestoreUpdate ({ approverUserId, reason })
//   update extendCloneUpdate ({ expiresAt, byUserId }): a clone's expiry, or (replace) how long
//          the source's previous data is kept for undo
//   update undoReplaceUpdate ({ byUserId, reason }): replace only, while the old data is kept
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
  /**
   * clone: a new instance with its own port and TTL. replace: after verification the source's
   * endpoint (port, record, stanza) serves the restored data on a new timeline; its previous
   * data is kept for undo until `keepReplacedSeconds`. Replace always waits for approval.
   */
  mode: 'clone' | 'replace';
  needsApproval: boolean;
  /** the source's host: restore activities run on its queue */
  hostId: string;
  /** tests run their own worker on a unique queue; production derives it from hostId */
  hostTaskQueue?: string;
  controlPlaneQueue?: string;
  approvalTimeoutSeconds?: number;
  cloneTtlSeconds?: number;
  /** replace: how long the source's previous data is kept for undo (default 24 h) */
  keepReplacedSeconds?: number;
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
  outcome: 90,
  cutover: 92,
  backing_up: 95,
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
    // a dead worker is noticed within this, and the activity is retried on a live one; it also
    // bounds how late a cancellation reaches a running pgbackrest (heartbeats carry it)
    heartbeatTimeout: '30 seconds',
    retry: { maximumAttempts: 3, initialInterval: '5 seconds' },
    // a cancelled restore finishes its pgbackrest run before compensation removes the directory
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  });
  // backups and catalog sync of the replaced source: S3 calls without heartbeats of their own
  const slowHost = proxyActivities<Activities>({
    taskQueue: input.hostTaskQueue ?? hostQueue(input.hostId),
    startToCloseTimeout: '6 hours',
    heartbeatTimeout: '2 minutes',
    retry: { maximumAttempts: 2, initialInterval: '5 seconds' },
  });
  const cleanup = proxyActivities<Activities>({
    taskQueue: input.hostTaskQueue ?? hostQueue(input.hostId),
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '1 minute',
    retry: { maximumAttempts: 10, initialInterval: '5 seconds' },
  });

  const replace = input.mode === 'replace';
  // a replace overwrites what the source serves: never without a second person's approval
  const needsApproval = input.needsApproval || replace;
  const view: RestoreProgressView = {
    status: needsApproval ? 'pending_approval' : 'running',
    phase: 'validating',
    percent: PERCENT.validating!,
    region: null,
    checks: [],
    cloneId: null,
    expiresAt: null,
    error: null,
    mode: replace ? 'replace' : 'clone',
    targetLSN: null,
    timeline: null,
    undone: false,
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
        if (
          view.status !== 'succeeded' ||
          (replace && view.phase !== 'done' && view.phase !== 'undone')
        )
          throw new Error(
            'only a finished clone (or replaced data kept for undo) has an expiry to move',
          );
        if (Number.isNaN(Date.parse(p.expiresAt)))
          throw new Error('expiresAt must be an RFC 3339 time');
      },
    },
  );

  let undoRequest: UndoReplacePayload | undefined;
  let undoOutcome:
    { ok: true; result: UndoReplaceResult } | { ok: false; error: string } | undefined;
  setHandler(
    undoReplaceUpdate,
    async (p) => {
      undoRequest = p;
      await condition(() => undoOutcome !== undefined);
      if (!undoOutcome!.ok) throw ApplicationFailure.nonRetryable(undoOutcome!.error, 'UndoFailed');
      return undoOutcome!.result;
    },
    {
      validator: (p) => {
        if (!replace) throw new Error('only a replace restore can be undone');
        if (undoRequest) throw new Error('this replace was already undone');
        if (view.status !== 'succeeded' || view.phase !== 'done')
          throw new Error(
            view.undone || undoRequest
              ? 'this replace was already undone'
              : `this replace cannot be undone now (status ${view.status}, phase ${view.phase})`,
          );
        if (expiresAtMs === null || Date.now() >= expiresAtMs)
          throw new Error('the data kept for undo is gone (its TTL expired)');
        if (!p.byUserId) throw new Error('byUserId is required');
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
        ...(patch.phase
          ? {
              phase: patch.phase,
              progress: {
                percent: view.percent,
                ...(view.targetLSN ? { targetLSN: view.targetLSN } : {}),
                ...(view.timeline ? { timeline: view.timeline } : {}),
              },
            }
          : {}),
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
  const sourceRef = { tenantId: input.tenantId, instanceId: input.instanceId };
  const swapRef = { ...ids, sourceInstanceId: input.instanceId };

  /**
   * A new full backup to both regions after the source's data changed under it (the new
   * timeline's history file goes with it), then a catalog sync. A region that fails is reported,
   * not fatal: the data already serves, and scheduled backups retry.
   */
  const backupAfterSwap = async () => {
    await record({ phase: 'backing_up' });
    const facts = await records.loadInstanceFacts(sourceRef);
    const backups: { repo: 1 | 2; ok: boolean; error?: string }[] = [];
    for (const repo of [1, 2] as const) {
      try {
        await slowHost.backupInstance({
          instanceId: facts.stanza,
          type: 'full',
          repo,
          expireAuto: false,
        });
        backups.push({ repo, ok: true });
      } catch (err) {
        backups.push({ repo, ok: false, error: failureMessage(err).slice(0, 500) });
      }
    }
    let catalogError: string | null = null;
    try {
      await slowHost.syncCatalog(sourceRef);
    } catch (err) {
      catalogError = failureMessage(err).slice(0, 500);
    }
    return { backups, catalogError };
  };

  // phase: cutover (replace): the verified copy becomes the source's data
  const cutover = async (
    sourceInstanceId: string,
    cloneId: string,
    checks: RestoreProgressView['checks'],
    from: { region: string; backupLabel: string },
  ) => {
    await record(
      { phase: 'cutover' },
      { action: 'restore.cutover_started', data: { sourceInstanceId } },
    );
    compensations.push(async () => {
      await cleanup.swapBackOriginal(swapRef);
      await cleanup.destroyReplacedData(swapRef);
      await records.setInstanceStatus({ ...sourceRef, status: 'running' });
    });
    await records.setInstanceStatus({ ...sourceRef, status: 'restoring' });
    const swapped = await host.cutoverToRestored({ ...ids, sourceInstanceId, cloneId });
    view.timeline = swapped.timeline;
    await records.setInstanceStatus({ ...sourceRef, status: 'running' });
    // the copy's directory is empty now (its data moved); its port and record go
    await cleanup.destroyClone({ cloneId });
    await records.setCloneRecord({ tenantId: input.tenantId, cloneId, status: 'deleted' });
    const backup = await backupAfterSwap();
    expiresAtMs = Date.now() + (input.keepReplacedSeconds ?? DAY_SECONDS) * 1000;
    view.expiresAt = new Date(expiresAtMs).toISOString();
    await record(
      { phase: 'done', status: 'succeeded', finished: true },
      {
        action: 'restore.replaced',
        data: {
          instanceId: sourceInstanceId,
          region: from.region,
          backup: from.backupLabel,
          timeline: swapped.timeline,
          targetLSN: view.targetLSN,
          checks,
          newBackup: backup,
          undoUntil: view.expiresAt,
        },
      },
    );
  };

  /** Replace: the source's previous data stays until its TTL (durable timer); undo may come first. */
  const keepForUndo = async () => {
    for (;;) {
      const at = expiresAtMs!;
      const woke = await condition(
        () => expiresAtMs !== at || (undoRequest !== undefined && undoOutcome === undefined),
        Math.max(1, at - Date.now()),
      );
      if (!woke) break;
      if (undoRequest !== undefined && undoOutcome === undefined) {
        const by = undoRequest;
        await CancellationScope.nonCancellable(async () => {
          try {
            await record(
              { phase: 'undoing' },
              {
                action: 'restore.undo_started',
                data: { by: by.byUserId, reason: by.reason ?? null },
              },
            );
            await records.setInstanceStatus({ ...sourceRef, status: 'restoring' });
            const back = await cleanup.swapBackOriginal(swapRef);
            await records.setInstanceStatus({ ...sourceRef, status: 'running' });
            view.timeline = back?.timeline ?? null;
            view.undone = true;
            const backup = await backupAfterSwap();
            await record(
              { phase: 'undone' },
              {
                action: 'restore.replace_undone',
                data: { by: by.byUserId, timeline: view.timeline, newBackup: backup },
              },
            );
            undoOutcome = { ok: true, result: { status: 'undone', timeline: view.timeline } };
          } catch (err) {
            const error = `undo failed: ${failureMessage(err)}`;
            await record(
              { error },
              { action: 'restore.undo_failed', data: { error: error.slice(0, 2000) } },
            );
            undoOutcome = { ok: false, error };
          }
        });
      }
    }
    await CancellationScope.nonCancellable(async () => {
      await cleanup.destroyReplacedData(swapRef);
      await records.recordRestore({
        ...ids,
        patch: { phase: view.undone ? 'undone_data_destroyed' : 'replaced_data_destroyed' },
        audit: { action: 'restore.replaced_data_expired', data: { undone: view.undone } },
      });
    });
  };
  try {
    // phase: validating (the window may have moved since the request)
    const run = await records.planRestoreRun(ids);

    // phase: awaiting_approval
    if (needsApproval) {
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
    const end = await host.startClone({ ...ids, cloneId: clone.cloneId, port: clone.port });
    view.targetLSN = end.targetLSN;
    view.timeline = end.timeline;

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

    if (replace) {
      await cutover(run.sourceInstanceId, clone.cloneId, checks, from);
      compensations.length = 0; // the source serves the restored data now: nothing to undo on failure
    } else {
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
    }
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

  if (replace) {
    await keepForUndo();
    return { status: 'succeeded', cloneId: null, region: view.region };
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
