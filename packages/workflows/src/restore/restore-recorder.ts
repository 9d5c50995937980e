import type { RestoreProgressView } from '../messages';
import type { RestoreActivities } from './restore-activities';
import { PERCENT, type RestoreState, type RestoreToPointInTimeInput } from './restore-state';

export type RestorePatch = Partial<
  Pick<RestoreProgressView, 'status' | 'phase' | 'region' | 'checks' | 'error'>
> & { finished?: boolean };

export type RecordRestore = (
  patch: RestorePatch,
  audit?: { action: string; data?: Record<string, unknown> },
) => Promise<void>;

/**
 * Moves the queryable view and the restores row together (and appends an audit event when
 * given): what the API and the portal show is what the workflow knows.
 */
export function restoreRecorder(
  input: RestoreToPointInTimeInput,
  state: RestoreState,
  records: RestoreActivities['records'],
): RecordRestore {
  const ids = { tenantId: input.tenantId, restoreId: input.restoreId };
  return async (patch, audit) => {
    const { view } = state;
    if (patch.phase && patch.phase !== view.phase)
      state.phaseLog.push({ phase: patch.phase, atMs: Date.now() });
    Object.assign(view, patch);
    if (patch.phase) view.percent = PERCENT[patch.phase] ?? view.percent;
    await records.recordRestore({
      ...ids,
      patch: {
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.phase
          ? {
              phase: patch.phase,
              progress: {
                percent: view.percent,
                ...(view.targetLsn ? { targetLsn: view.targetLsn } : {}),
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
}
