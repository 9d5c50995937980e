import { CancellationScope, condition } from '@temporalio/workflow';
import type { RestoreProgressView } from '../messages';
import type { RestoreActivities } from './restore-activities';
import type { RecordRestore } from './restore-recorder';
import {
  DAY_SECONDS,
  failureMessage,
  type RestoreState,
  type RestoreToPointInTimeInput,
} from './restore-state';

export interface ReplaceContext {
  input: RestoreToPointInTimeInput;
  state: RestoreState;
  acts: RestoreActivities;
  record: RecordRestore;
  /** the saga's undo stack: cutover pushes "swap the original back" before it swaps */
  compensations: Array<() => Promise<void>>;
}

/** The replace outcome: cutover, the backup after it, and the undo window. */
export function replacePhases(ctx: ReplaceContext) {
  const { input, state, record, compensations } = ctx;
  const { records, host, slowHost, cleanup } = ctx.acts;
  const ids = { tenantId: input.tenantId, restoreId: input.restoreId };
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

  /** phase: cutover — the verified copy becomes the source's data */
  const cutover = async (
    sourceInstanceId: string,
    cloneId: string,
    checks: RestoreProgressView['checks'],
    from: { region: string; backupLabel: string },
  ) => {
    const { view } = state;
    await record(
      { phase: 'cutover' },
      {
        action: 'restore.cutover_started',
        data: {
          sourceInstanceId,
          ...(state.cutoverConfirmedBy ? { confirmedBy: state.cutoverConfirmedBy } : {}),
        },
      },
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
    state.expiresAtMs = Date.now() + (input.keepReplacedSeconds ?? DAY_SECONDS) * 1000;
    view.expiresAt = new Date(state.expiresAtMs).toISOString();
    await record(
      { phase: 'done', status: 'succeeded', finished: true },
      {
        action: 'restore.replaced',
        data: {
          instanceId: sourceInstanceId,
          region: from.region,
          backup: from.backupLabel,
          timeline: swapped.timeline,
          targetLsn: view.targetLsn,
          checks,
          newBackup: backup,
          undoUntil: view.expiresAt,
        },
      },
    );
    // the source serves the restored data now: nothing to undo on failure
    compensations.length = 0;
  };

  /** phase: undoing — the original data back on the source, then a fresh backup */
  const undo = async () => {
    const by = state.undoRequest!;
    try {
      await record(
        { phase: 'undoing' },
        { action: 'restore.undo_started', data: { by: by.byUserId, reason: by.reason ?? null } },
      );
      await records.setInstanceStatus({ ...sourceRef, status: 'restoring' });
      const back = await cleanup.swapBackOriginal(swapRef);
      await records.setInstanceStatus({ ...sourceRef, status: 'running' });
      state.view.timeline = back?.timeline ?? null;
      state.view.undone = true;
      const backup = await backupAfterSwap();
      await record(
        { phase: 'undone' },
        {
          action: 'restore.replace_undone',
          data: { by: by.byUserId, timeline: state.view.timeline, newBackup: backup },
        },
      );
      state.undoOutcome = { ok: true, result: { status: 'undone', timeline: state.view.timeline } };
    } catch (err) {
      const error = `undo failed: ${failureMessage(err)}`;
      await record(
        { error },
        { action: 'restore.undo_failed', data: { error: error.slice(0, 2000) } },
      );
      state.undoOutcome = { ok: false, error };
    }
  };

  /** The source's previous data stays until its TTL (durable timer); an undo may come first. */
  const keepForUndo = async () => {
    for (;;) {
      const at = state.expiresAtMs!;
      const woke = await condition(
        () =>
          state.expiresAtMs !== at ||
          (state.undoRequest !== undefined && state.undoOutcome === undefined),
        Math.max(1, at - Date.now()),
      );
      if (!woke) break;
      if (state.undoRequest !== undefined && state.undoOutcome === undefined)
        await CancellationScope.nonCancellable(undo);
    }
    await CancellationScope.nonCancellable(async () => {
      await cleanup.destroyReplacedData(swapRef);
      await records.recordRestore({
        ...ids,
        patch: { phase: state.view.undone ? 'undone_data_destroyed' : 'replaced_data_destroyed' },
        audit: { action: 'restore.replaced_data_expired', data: { undone: state.view.undone } },
      });
    });
  };

  return { cutover, keepForUndo };
}
