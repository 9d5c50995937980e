import { Context } from '@temporalio/activity';
import { CancelledFailure, WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import {
  approveRestoreUpdate,
  confirmCutoverUpdate,
  expireCloneSignal,
  extendCloneUpdate,
  keepCloneUpdate,
  undoReplaceUpdate,
} from '../messages';
import { restoreActivityStubs, STUB_CLONE } from '../../test-support/restore-activity-stubs';
import {
  APPROVER,
  cancelRun,
  refusal,
  REQUESTER,
  restoreWorkflowHarness,
  viewWhen,
  WORKFLOW_TEST_TIMEOUT_MS,
  type RestoreHandle,
} from '../../test-support/restore-workflow-harness';

// Workflow unit tests: the real workflow on Temporal's time-skipping test server, stub
// activities. A day-long timer (approval, clone TTL, the replace's undo window) fires as soon as
// the test awaits the result. One file: the server, the bundle and the worker are started once.
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const harness = restoreWorkflowHarness();

/** An activity that runs until Temporal cancels it, then notes it stopped; `started` once it runs. */
function untilCancelled(name: string, events: string[]) {
  let begin!: () => void;
  const started = new Promise<void>((resolve) => (begin = resolve));
  const run = async () => {
    begin();
    const ctx = Context.current();
    try {
      for (;;) {
        ctx.heartbeat();
        await ctx.sleep(20);
      }
    } finally {
      events.push(`${name} stopped`);
    }
  };
  return { run, started };
}

describe('restoreToPointInTime: approval expiry', { timeout: WORKFLOW_TEST_TIMEOUT_MS }, () => {
  it('a restore nobody approves expires after a day and provisions nothing', async () => {
    const stubs = restoreActivityStubs();
    const result = await harness.run(stubs.activities, { needsApproval: true }, async (handle) => {
      const startedAt = await harness.env.currentTimeMs();
      const result = await handle.result();
      expect((await harness.env.currentTimeMs()) - startedAt).toBeGreaterThanOrEqual(DAY_MS);
      return result;
    });
    expect(result).toEqual({ status: 'expired', cloneId: null, region: null });
    for (const name of ['createCloneRecord', 'restoreClone', 'startClone'] as const)
      expect(stubs.callsOf(name)).toEqual([]);
    const records = stubs.callsOf('recordRestore').map((c) => c.input);
    expect(records.at(-1)).toMatchObject({
      patch: { status: 'expired', phase: 'done', finished: true },
      audit: { action: 'restore.expired' },
    });
    const waited =
      stubs.callsOf('recordRestore').at(-1)!.scheduledAtMs - stubs.calls[0]!.scheduledAtMs;
    expect(waited).toBeGreaterThanOrEqual(DAY_MS);
  });

  it('an approval by another person within the day starts the restore; the requester cannot approve', async () => {
    const stubs = restoreActivityStubs();
    await harness.run(stubs.activities, { needsApproval: true }, async (handle) => {
      await viewWhen(handle, (v) => v.phase === 'awaiting_approval');
      expect(
        await refusal(
          handle.executeUpdate(approveRestoreUpdate, {
            args: [{ approverUserId: REQUESTER, reason: 'mine' }],
          }),
        ),
      ).toMatch(/cannot approve or reject it/);
      await harness.env.sleep(23 * HOUR_MS);
      expect(
        await handle.executeUpdate(approveRestoreUpdate, {
          args: [{ approverUserId: APPROVER, reason: 'checked the target time' }],
        }),
      ).toEqual({ status: 'approved' });
      expect(await handle.result()).toMatchObject({
        status: 'succeeded',
        cloneId: STUB_CLONE.cloneId,
      });
    });
    expect(stubs.callsOf('createCloneRecord')).toHaveLength(1);
    expect(stubs.callsOf('recordRestore').map((c) => c.input)).toContainEqual(
      expect.objectContaining({
        audit: {
          action: 'restore.approved',
          data: { by: APPROVER, reason: 'checked the target time' },
        },
      }),
    );
  });
});

describe('restoreToPointInTime: clone TTL', { timeout: WORKFLOW_TEST_TIMEOUT_MS }, () => {
  it('destroys the clone and its record when its TTL ends (a day by default)', async () => {
    const stubs = restoreActivityStubs();
    const result = await harness.run(stubs.activities, {}, (handle) => handle.result());
    expect(result).toMatchObject({
      status: 'succeeded',
      cloneId: STUB_CLONE.cloneId,
      region: 'region-a',
    });
    // a drill records these: every phase up to the hand-over, the clone's TTL not among them
    expect(result.phases!.map((p) => p.phase)).toEqual([
      'validating',
      'provisioning',
      'restoring',
      'starting',
      'waiting_for_promotion',
      'verifying',
      'outcome',
    ]);
    expect(result.phases!.every((p) => p.seconds < 60)).toBe(true);

    const [created] = stubs.callsOf('createCloneRecord');
    const expiresAt = Date.parse((created!.input as { expiresAt: string }).expiresAt);
    expect(expiresAt - created!.scheduledAtMs).toBeGreaterThanOrEqual(DAY_MS - 60_000);
    expect(stubs.callsOf('setCloneRecord').map((c) => c.input)).toEqual([
      expect.objectContaining({
        cloneId: STUB_CLONE.cloneId,
        status: 'running',
        expiresAt: expect.any(String),
      }),
      expect.objectContaining({ cloneId: STUB_CLONE.cloneId, status: 'deleted' }),
    ]);
    const [destroyed] = stubs.callsOf('destroyClone');
    expect(destroyed!.input).toEqual({ cloneId: STUB_CLONE.cloneId });
    const running = stubs.callsOf('setCloneRecord')[0]!.input as { expiresAt: string };
    expect(destroyed!.scheduledAtMs).toBeGreaterThanOrEqual(Date.parse(running.expiresAt));
    expect(stubs.order('openClone', 'destroyClone')).toEqual(['openClone', 'destroyClone']);
    expect(stubs.callsOf('recordRestore').at(-1)!.input).toMatchObject({
      patch: { phase: 'clone_destroyed' },
      audit: { action: 'restore.clone_expired', data: { cloneId: STUB_CLONE.cloneId } },
    });
  });

  it('extendClone moves the expiry: the clone lives until the new time', async () => {
    const stubs = restoreActivityStubs();
    const until = await harness.run(stubs.activities, {}, async (handle) => {
      await viewWhen(handle, (v) => v.status === 'succeeded');
      expect(
        await refusal(
          handle.executeUpdate(extendCloneUpdate, {
            args: [{ expiresAt: 'next week', byUserId: APPROVER }],
          }),
        ),
      ).toBe('expiresAt must be an RFC 3339 time');
      const until = new Date((await harness.env.currentTimeMs()) + 3 * DAY_MS).toISOString();
      expect(
        await handle.executeUpdate(extendCloneUpdate, {
          args: [{ expiresAt: until, byUserId: APPROVER }],
        }),
      ).toEqual({ expiresAt: until });
      expect((await handle.result()).status).toBe('succeeded');
      return until;
    });
    const [destroyed] = stubs.callsOf('destroyClone');
    expect(destroyed!.scheduledAtMs).toBeGreaterThanOrEqual(Date.parse(until));
  });
});

describe(
  'restoreToPointInTime: expireClone (a table restore is done with its clone)',
  { timeout: WORKFLOW_TEST_TIMEOUT_MS },
  () => {
    it('ends the clone’s TTL now: destroyed long before its day is up, as at any TTL end', async () => {
      const stubs = restoreActivityStubs();
      const signalledAt = await harness.run(stubs.activities, {}, async (handle) => {
        await viewWhen(handle, (v) => v.status === 'succeeded');
        const at = await harness.env.currentTimeMs();
        await handle.signal(expireCloneSignal);
        expect((await handle.result()).status).toBe('succeeded');
        return at;
      });
      const running = stubs.callsOf('setCloneRecord')[0]!.input as { expiresAt: string };
      const [destroyed] = stubs.callsOf('destroyClone');
      expect(destroyed!.scheduledAtMs).toBeLessThan(Date.parse(running.expiresAt) - HOUR_MS);
      expect(destroyed!.scheduledAtMs).toBeGreaterThanOrEqual(signalledAt);
      expect(stubs.callsOf('recordRestore').at(-1)!.input).toMatchObject({
        audit: { action: 'restore.clone_expired' },
      });
    });
  },
);

describe('restoreToPointInTime: keep a clone', { timeout: WORKFLOW_TEST_TIMEOUT_MS }, () => {
  it('keepClone ends the TTL without removing the clone (no timer left, nothing destroyed)', async () => {
    const stubs = restoreActivityStubs();
    await harness.run(stubs.activities, {}, async (handle) => {
      await viewWhen(handle, (v) => v.status === 'succeeded');
      expect(
        await handle.executeUpdate(keepCloneUpdate, { args: [{ byUserId: APPROVER }] }),
      ).toEqual({ keptAt: expect.any(String) });
      expect((await handle.result()).status).toBe('succeeded');
    });
    expect(stubs.callsOf('destroyClone')).toEqual([]);
    expect(stubs.callsOf('setCloneRecord').map((c) => c.input)).toEqual([
      expect.objectContaining({ cloneId: STUB_CLONE.cloneId, status: 'running' }),
    ]);
    expect(stubs.callsOf('recordRestore').at(-1)!.input).toMatchObject({
      patch: { phase: 'clone_kept' },
    });
  });
});

describe('restoreToPointInTime: cancel compensation', { timeout: WORKFLOW_TEST_TIMEOUT_MS }, () => {
  it('a restore cancelled while its copy starts stops that activity, then removes the copy and its record', async () => {
    const events: string[] = [];
    const startClone = untilCancelled('startClone', events);
    const stubs = restoreActivityStubs({
      startClone: startClone.run,
      destroyClone: async () => {
        events.push('destroyClone');
      },
    });
    const failure = await harness.run(stubs.activities, {}, async (handle) => {
      await startClone.started;
      return cancelRun(handle);
    });
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    // WAIT_CANCELLATION_COMPLETED: the running step ends before compensation removes its directory
    expect(events).toEqual(['startClone stopped', 'destroyClone']);
    expect(stubs.callsOf('destroyClone').map((c) => c.input)).toEqual([
      { cloneId: STUB_CLONE.cloneId },
    ]);
    expect(stubs.callsOf('setCloneRecord').map((c) => c.input)).toEqual([
      { tenantId: 'tenant-1', cloneId: STUB_CLONE.cloneId, status: 'deleted' },
    ]);
    for (const name of ['verifyClone', 'openClone'] as const)
      expect(stubs.callsOf(name)).toEqual([]);
    expect(stubs.callsOf('recordRestore').at(-1)!.input).toMatchObject({
      patch: { status: 'cancelled', phase: 'done', error: 'cancelled', finished: true },
      audit: { action: 'restore.cancelled', data: { phase: 'waiting_for_promotion' } },
    });
  });

  it('a failed integrity check runs the same compensation and reports the failure', async () => {
    const stubs = restoreActivityStubs({
      verifyClone: async () => [{ name: 'amcheck', ok: false, detail: 'btree index corrupt' }],
    });
    const result = await harness.run(stubs.activities, {}, (handle) => handle.result());
    expect(result).toMatchObject({
      status: 'failed',
      cloneId: null,
      region: 'region-a',
      failedPhase: 'verifying',
    });
    expect(stubs.order('verifyClone', 'destroyClone', 'openClone')).toEqual([
      'verifyClone',
      'destroyClone',
    ]);
    expect(stubs.callsOf('recordRestore').at(-1)!.input).toMatchObject({
      patch: { status: 'failed', error: 'integrity check(s) failed: amcheck: btree index corrupt' },
      audit: { action: 'restore.failed' },
    });
  });
});

// --- replace mode (./replace-phases.ts) ---

const replace = { mode: 'replace' as const, needsApproval: false };
const swapRef = { tenantId: 'tenant-1', restoreId: 'restore-1', sourceInstanceId: 'inst-source-1' };

/** A replace always waits for a second person's approval. */
async function approve(handle: RestoreHandle) {
  await viewWhen(handle, (v) => v.phase === 'awaiting_approval');
  await handle.executeUpdate(approveRestoreUpdate, {
    args: [{ approverUserId: APPROVER, reason: 'replace approved' }],
  });
}

/** Approves the replace and waits until the cutover is done: the undo window is open. */
async function approveAndCutOver(handle: RestoreHandle) {
  await approve(handle);
  return viewWhen(handle, (v) => v.status === 'succeeded' && v.phase === 'done');
}

describe('replace: the undo window', { timeout: WORKFLOW_TEST_TIMEOUT_MS }, () => {
  it('destroys the data kept for undo when the window ends (a day by default)', async () => {
    const stubs = restoreActivityStubs();
    const { done, result, endedAt } = await harness.run(
      stubs.activities,
      replace,
      async (handle) => {
        const done = await approveAndCutOver(handle);
        const result = await handle.result();
        return { done, result, endedAt: await harness.env.currentTimeMs() };
      },
    );
    expect(result).toMatchObject({ status: 'succeeded', cloneId: null, region: 'region-a' });
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
    const cutover = untilCancelled('cutover', events);
    const note = (name: string) => async () => {
      events.push(name);
    };
    const stubs = restoreActivityStubs({
      cutoverToRestored: cutover.run,
      swapBackOriginal: async () => {
        events.push('swapBackOriginal');
        return null;
      },
      destroyReplacedData: note('destroyReplacedData'),
      destroyClone: note('destroyClone'),
    });
    const failure = await harness.run(stubs.activities, replace, async (handle) => {
      await approve(handle);
      await cutover.started;
      return cancelRun(handle);
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
    expect(
      stubs.callsOf('setInstanceStatus').map((c) => (c.input as { status: string }).status),
    ).toEqual(['restoring', 'running']);
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

describe('replace: confirm the cutover', { timeout: WORKFLOW_TEST_TIMEOUT_MS }, () => {
  const confirming = { ...replace, confirmCutover: true };

  it('the verified copy waits in awaiting_cutover; the swap runs only once someone confirms', async () => {
    const stubs = restoreActivityStubs();
    const { early, again } = await harness.run(stubs.activities, confirming, async (handle) => {
      const early = await refusal(
        handle.executeUpdate(confirmCutoverUpdate, { args: [{ byUserId: REQUESTER }] }),
      );
      await approve(handle);
      await viewWhen(handle, (v) => v.phase === 'awaiting_cutover');
      await harness.env.sleep(HOUR_MS);
      expect(stubs.callsOf('cutoverToRestored')).toEqual([]);
      expect(stubs.callsOf('destroyClone')).toEqual([]);
      // the requester may confirm: the second person already approved the request itself
      await handle.executeUpdate(confirmCutoverUpdate, { args: [{ byUserId: REQUESTER }] });
      await viewWhen(handle, (v) => v.status === 'succeeded' && v.phase === 'done');
      const again = await refusal(
        handle.executeUpdate(confirmCutoverUpdate, { args: [{ byUserId: REQUESTER }] }),
      );
      return { early, again };
    });
    expect(early).toMatch(/not awaiting its cutover/);
    expect(again).toBe('the cutover of this replace was already confirmed');
    expect(stubs.callsOf('cutoverToRestored')).toHaveLength(1);
    expect(stubs.callsOf('recordRestore').map((c) => c.input)).toContainEqual(
      expect.objectContaining({
        patch: expect.objectContaining({ phase: 'cutover' }),
        audit: {
          action: 'restore.cutover_started',
          data: { sourceInstanceId: 'inst-source-1', confirmedBy: REQUESTER },
        },
      }),
    );
  });

  it('nobody confirms within a day: the copy is destroyed and the source left as it was', async () => {
    const stubs = restoreActivityStubs();
    const result = await harness.run(stubs.activities, confirming, async (handle) => {
      await approve(handle);
      await viewWhen(handle, (v) => v.phase === 'awaiting_cutover');
      return handle.result();
    });
    expect(result).toMatchObject({ status: 'failed', failedPhase: 'awaiting_cutover' });
    expect(stubs.callsOf('cutoverToRestored')).toEqual([]);
    expect(stubs.callsOf('destroyClone')).toHaveLength(1);
    expect(stubs.callsOf('recordRestore').at(-1)!.input).toMatchObject({
      patch: {
        status: 'failed',
        phase: 'done',
        error: expect.stringMatching(/confirmed the cutover/),
      },
    });
  });

  it('a replace without confirmCutover refuses the confirmation (it cuts over once verified)', async () => {
    const stubs = restoreActivityStubs();
    await harness.run(stubs.activities, replace, async (handle) => {
      await approve(handle);
      expect(
        await refusal(
          handle.executeUpdate(confirmCutoverUpdate, { args: [{ byUserId: REQUESTER }] }),
        ),
      ).toBe('only a replace requested with confirmCutover waits for a confirmation');
    });
  });
});
