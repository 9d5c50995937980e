import { Context } from '@temporalio/activity';
import { CancelledFailure, WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { approveRestoreUpdate, undoReplaceUpdate } from '../messages';
import { restoreActivityStubs, STUB_CLONE } from '../../test-support/restore-activity-stubs';
import {
  APPROVER,
  refusal,
  restoreWorkflowHarness,
  viewWhen,
  WORKFLOW_TEST_TIMEOUT_MS,
  type RestoreHandle,
} from '../../test-support/restore-workflow-harness';

// Replace mode on Temporal's time-skipping test server with stub activities: the undo window
// (a day by default) passes as soon as the test awaits the result.
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const harness = restoreWorkflowHarness();
const replace = { mode: 'replace' as const, needsApproval: false };
const swapRef = { tenantId: 'tenant-1', restoreId: 'restore-1', sourceInstanceId: 'inst-source-1' };

/** A replace always waits for a second person; approve it and wait for the cutover to finish. */
async function approveAndCutOver(handle: RestoreHandle) {
  await viewWhen(handle, (v) => v.phase === 'awaiting_approval');
  await handle.executeUpdate(approveRestoreUpdate, {
    args: [{ approverUserId: APPROVER, reason: 'replace approved' }],
  });
  return viewWhen(handle, (v) => v.status === 'succeeded' && v.phase === 'done');
}

describe('replace: the undo window', { timeout: WORKFLOW_TEST_TIMEOUT_MS }, () => {
  it('destroys the data kept for undo when the window ends (a day by default)', async () => {
    const stubs = restoreActivityStubs();
    const { done, result, endedAt } = await harness.run(stubs.activities, replace, async (handle) => {
      const done = await approveAndCutOver(handle);
      const result = await handle.result();
      return { done, result, endedAt: await harness.env.currentTimeMs() };
    });
    expect(result).toEqual({ status: 'succeeded', cloneId: null, region: 'region-a' });
    const expiresAt = Date.parse(done.expiresAt!);
    const cutover = stubs.callsOf('cutoverToRestored')[0]!;
    expect(expiresAt - cutover.scheduledAtMs).toBeGreaterThanOrEqual(DAY_MS - 60_000);
    expect(endedAt).toBeGreaterThanOrEqual(expiresAt);

    const [destroyed] = stubs.callsOf('destroyReplacedData');
    expect(destroyed!.input).toEqual(swapRef);
    expect(destroyed!.scheduledAtMs).toBeGreaterThanOrEqual(expiresAt);
    expect(stubs.callsOf('swapBackOriginal')).toEqual([]);
    expect(stubs.callsOf('recordRestore').at(-1)!.input).toMatchObject({
      patch: { phase: 'replaced_data_destroyed' },
      audit: { action: 'restore.replaced_data_expired', data: { undone: false } },
    });
  });

  it('an undo within the window puts the original back with a new backup; the window still ends', async () => {
    const stubs = restoreActivityStubs();
    const { done, answer, again } = await harness.run(stubs.activities, replace, async (handle) => {
      const done = await approveAndCutOver(handle);
      await harness.env.sleep(12 * HOUR_MS);
      const answer = await handle.executeUpdate(undoReplaceUpdate, {
        args: [{ byUserId: APPROVER, reason: 'wrong target time' }],
      });
      const again = await refusal(
        handle.executeUpdate(undoReplaceUpdate, { args: [{ byUserId: APPROVER }] }),
      );
      expect((await handle.result()).status).toBe('succeeded');
      return { done, answer, again };
    });
    expect(answer).toEqual({ status: 'undone', timeline: 3 });
    expect(again).toBe('this replace was already undone');

    const [swapBack] = stubs.callsOf('swapBackOriginal');
    expect(swapBack!.input).toEqual(swapRef);
    expect(swapBack!.scheduledAtMs).toBeLessThan(Date.parse(done.expiresAt!));
    // a full backup to both regions after the cutover, and again after the undo
    const backups = stubs.callsOf('backupInstance');
    expect(backups.map((c) => (c.input as { repo: number }).repo)).toEqual([1, 2, 1, 2]);
    expect(backups[2]!.scheduledAtMs).toBeGreaterThanOrEqual(swapBack!.scheduledAtMs);
    expect(stubs.callsOf('recordRestore').map((c) => c.input)).toContainEqual(
      expect.objectContaining({
        audit: {
          action: 'restore.replace_undone',
          data: { by: APPROVER, timeline: 3, newBackup: expect.anything() },
        },
      }),
    );
    const [destroyed] = stubs.callsOf('destroyReplacedData');
    expect(destroyed!.scheduledAtMs).toBeGreaterThanOrEqual(Date.parse(done.expiresAt!));
    expect(stubs.callsOf('recordRestore').at(-1)!.input).toMatchObject({
      patch: { phase: 'undone_data_destroyed' },
      audit: { action: 'restore.replaced_data_expired', data: { undone: true } },
    });
  });

  it('refuses an undo of a clone restore', async () => {
    const stubs = restoreActivityStubs();
    await harness.run(stubs.activities, {}, async (handle) => {
      await viewWhen(handle, (v) => v.status === 'succeeded');
      expect(
        await refusal(handle.executeUpdate(undoReplaceUpdate, { args: [{ byUserId: APPROVER }] })),
      ).toBe('only a replace restore can be undone');
    });
    expect(stubs.callsOf('swapBackOriginal')).toEqual([]);
  });
});

describe('replace: cancel compensation', { timeout: WORKFLOW_TEST_TIMEOUT_MS }, () => {
  it('a replace cancelled during its cutover puts the original data back, then removes the copy', async () => {
    const events: string[] = [];
    let started!: () => void;
    const cutoverStarted = new Promise<void>((resolve) => (started = resolve));
    const note = (name: string) => async () => {
      events.push(name);
    };
    const stubs = restoreActivityStubs({
      cutoverToRestored: (async () => {
        started();
        const ctx = Context.current();
        try {
          for (;;) {
            ctx.heartbeat();
            await ctx.sleep(20);
          }
        } finally {
          events.push('cutover stopped');
        }
      }) as never,
      swapBackOriginal: (async () => {
        events.push('swapBackOriginal');
        return null;
      }) as never,
      destroyReplacedData: note('destroyReplacedData'),
      destroyClone: note('destroyClone'),
    });
    const failure = await harness.run(stubs.activities, replace, async (handle) => {
      await viewWhen(handle, (v) => v.phase === 'awaiting_approval');
      await handle.executeUpdate(approveRestoreUpdate, {
        args: [{ approverUserId: APPROVER, reason: 'replace approved' }],
      });
      await cutoverStarted;
      await handle.cancel();
      return handle.result().then(
        () => null,
        (err: unknown) => err,
      );
    });
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    // the saga's undo stack, newest first: the cutover's undo, then the copy's
    expect(events).toEqual([
      'cutover stopped',
      'swapBackOriginal',
      'destroyReplacedData',
      'destroyClone',
    ]);
    expect(stubs.callsOf('setInstanceStatus').map((c) => (c.input as { status: string }).status)).toEqual([
      'restoring',
      'running',
    ]);
    expect(stubs.callsOf('setCloneRecord').map((c) => c.input)).toEqual([
      { tenantId: 'tenant-1', cloneId: STUB_CLONE.cloneId, status: 'deleted' },
    ]);
    expect(stubs.callsOf('backupInstance')).toEqual([]);
    expect(stubs.callsOf('recordRestore').at(-1)!.input).toMatchObject({
      patch: { status: 'cancelled', phase: 'done', finished: true },
      audit: { action: 'restore.cancelled', data: { phase: 'cutover' } },
    });
  });
});
