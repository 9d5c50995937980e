import { isRestorePhase, type RestoreCheck } from '@rewind/core';
import type { RestoreTimings } from '@rewind/db';
import { checkFamily, type RestoreMetrics } from './restore-metrics';

export interface RecordedRestorePatch {
  status?: string;
  phase?: string;
  checks?: RestoreCheck[];
  finished?: boolean;
}

const TERMINAL = ['succeeded', 'failed', 'cancelled', 'rejected', 'expired'];
const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);

/**
 * Turns one recorded step of a restore (the row as it was, the patch the workflow wrote) into
 * observations: the phase that just ended, the lead time when restoring begins, the approval
 * wait when the wait ends, the checks, and the verdict.
 */
export function observeRestoreRecorded(
  metrics: RestoreMetrics,
  before: RestoreTimings,
  patch: RecordedRestorePatch,
  now: Date,
): void {
  const { mode, kind } = before;
  if (patch.phase && patch.phase !== before.phase) {
    if (isRestorePhase(before.phase) && before.phaseStartedAt)
      metrics.phaseSeconds.observe(
        { phase: before.phase, mode, kind },
        seconds(before.phaseStartedAt, now),
      );
    if (before.phase === 'awaiting_approval')
      metrics.approvalWaitSeconds.observe(
        { mode },
        seconds(before.requestedAt, before.decidedAt ?? now),
      );
    if (patch.phase === 'restoring') {
      const wait = before.decidedAt ? seconds(before.requestedAt, before.decidedAt) : 0;
      metrics.leadTimeSeconds.observe(
        { mode, kind },
        Math.max(0, seconds(before.requestedAt, now) - wait),
      );
    }
  }
  for (const c of patch.checks ?? [])
    metrics.checks.inc({ check: checkFamily(c.name), result: c.ok ? 'pass' : 'fail' });
  if (patch.finished && patch.status && TERMINAL.includes(patch.status))
    metrics.restores.inc({ mode, kind, result: patch.status });
}
