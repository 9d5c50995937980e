import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
} from '@temporalio/workflow';
import { replacePhases } from './replace-phases';
import { restoreActivities } from './restore-activities';
import { registerRestoreHandlers } from './restore-handlers';
import { restoreRecorder } from './restore-recorder';
import {
  DAY_SECONDS,
  failureMessage,
  initialRestoreState,
  phaseDurations,
  type RestoreToPointInTimeInput,
  type RestoreToPointInTimeResult,
} from './restore-state';

export type { RestoreToPointInTimeInput, RestoreToPointInTimeResult } from './restore-state';

// Messages: see ./restore-handlers.ts (approve/reject/extend/undo updates, progress query, the
// older approval signal). Cancellation is Temporal's own (handle.cancel()): compensations then
// run, status cancelled.

/**
 * One restore request, phase by phase: validating → awaiting_approval → provisioning →
 * restoring → starting → waiting_for_promotion → verifying → outcome (clone) or
 * [awaiting_cutover] + cutover + backing_up (replace) → done; then the clone's TTL or the replace's undo window.
 */
export async function restoreToPointInTime(
  input: RestoreToPointInTimeInput,
): Promise<RestoreToPointInTimeResult> {
  const acts = restoreActivities(input);
  const { records, host, cleanup } = acts;
  const state = initialRestoreState(input);
  const { view } = state;
  registerRestoreHandlers(input, state);
  const record = restoreRecorder(input, state, records);
  const replace = input.mode === 'replace';
  const needsApproval = view.status === 'pending_approval';
  const ids = { tenantId: input.tenantId, restoreId: input.restoreId };

  let bytesRestored: number | null = null;
  let endOfWorkMs: number | null = null;
  const measured = () => ({
    phases: phaseDurations(state.phaseLog, endOfWorkMs ?? Date.now()),
    bytesRestored,
  });

  // Saga: each step that leaves something behind pushes its undo first.
  const compensations: Array<() => Promise<void>> = [];
  const { cutover, keepForUndo } = replacePhases({ input, state, acts, record, compensations });

  try {
    // phase: validating (the window may have moved since the request)
    const run = await records.planRestoreRun({
      ...ids,
      ...(input.pinnedRegion !== undefined ? { pinnedRegion: input.pinnedRegion } : {}),
    });

    // phase: awaiting_approval
    if (needsApproval) {
      await record({ phase: 'awaiting_approval', status: 'pending_approval' });
      const decided = await condition(
        () => state.decision !== undefined,
        (input.approvalTimeoutSeconds ?? DAY_SECONDS) * 1000,
      );
      if (!decided) {
        await record(
          { status: 'expired', phase: 'done', finished: true },
          { action: 'restore.expired' },
        );
        return { status: 'expired', cloneId: null, region: null };
      }
      const decision = state.decision!;
      if (!decision.approved) {
        await record(
          { status: 'rejected', phase: 'done', finished: true },
          { action: 'restore.rejected', data: { by: decision.by, reason: decision.reason } },
        );
        return { status: 'rejected', cloneId: null, region: null };
      }
      await record(
        { status: 'running' },
        { action: 'restore.approved', data: { by: decision.by, reason: decision.reason } },
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

    // phase: restoring (the first region that works; the others are reported as fallbacks)
    await record({ phase: 'restoring', region: run.candidates[0]!.region });
    const from = await host.restoreClone({
      ...ids,
      sourceInstanceId: run.sourceInstanceId,
      cloneId: clone.cloneId,
      candidates: run.candidates,
      target: run.target,
    });
    bytesRestored = from.bytesRestored ?? null;
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
    const end = await host.startClone({
      ...ids,
      cloneId: clone.cloneId,
      port: clone.port,
      walSource: { sourceInstanceId: run.sourceInstanceId, region: from.region },
    });
    view.targetLsn = end.targetLsn;
    view.timeline = end.timeline;

    // phase: verifying
    await record({ phase: 'verifying' });
    const served = run.candidates.find(
      (c) => c.region === from.region && c.backupLabel === from.backupLabel,
    );
    const checks = await host.verifyClone({
      tenantId: input.tenantId,
      cloneId: clone.cloneId,
      sourceInstanceId: run.sourceInstanceId,
      port: clone.port,
      target: run.target,
      ...(served?.endOfArchivedWal ? { endOfArchivedWal: served.endOfArchivedWal } : {}),
    });
    await record({ checks });
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0)
      throw ApplicationFailure.nonRetryable(
        `integrity check(s) failed: ${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}`,
        'IntegrityCheckFailed',
      );

    if (replace) {
      if (input.confirmCutover) {
        // phase: awaiting_cutover — the verified copy runs beside the source, so its diff can be
        // read (GET /restores/{id}/diff) before a person confirms; a cancel destroys the copy
        const waitSeconds = input.approvalTimeoutSeconds ?? DAY_SECONDS;
        await record({ phase: 'awaiting_cutover' });
        const confirmed = await condition(
          () => state.cutoverConfirmedBy !== undefined,
          waitSeconds * 1000,
        );
        if (!confirmed)
          throw ApplicationFailure.nonRetryable(
            `nobody confirmed the cutover within ${waitSeconds} s; the source was left as it was`,
            'CutoverNotConfirmed',
          );
      }
      await cutover(run.sourceInstanceId, clone.cloneId, checks, from);
    } else {
      // phase: outcome (clone: hand it over with its expiry)
      await record({ phase: 'outcome' });
      await host.openClone({ cloneId: clone.cloneId, port: clone.port });
      state.expiresAtMs = Date.now() + ttlMs;
      view.expiresAt = new Date(state.expiresAtMs).toISOString();
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
    endOfWorkMs = Date.now();
    const failedPhase = view.phase;
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
    return { status: 'failed', cloneId: null, region: view.region, ...measured(), failedPhase };
  }
  endOfWorkMs ??= Date.now();

  if (replace) {
    await keepForUndo();
    return { status: 'succeeded', cloneId: null, region: view.region, ...measured() };
  }

  // The clone lives until its expiry, which extendCloneUpdate may move; the timer is durable.
  // keepCloneUpdate ends it without removing the clone (kept as a permanent instance).
  const cloneId = view.cloneId!;
  for (;;) {
    const at = state.expiresAtMs!;
    const moved = await condition(
      () => state.expiresAtMs !== at || state.kept,
      Math.max(1, at - Date.now()),
    );
    if (state.kept) {
      await records.recordRestore({ ...ids, patch: { phase: 'clone_kept' } });
      return { status: 'succeeded', cloneId, region: view.region, ...measured() };
    }
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
  return { status: 'succeeded', cloneId, region: view.region, ...measured() };
}
