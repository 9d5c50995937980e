import type { RestoreMode, RestorePhase } from '@rewind/core';
import type { RestoreProgressView, UndoReplacePayload, UndoReplaceResult } from '../messages';

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
  mode: RestoreMode;
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
  /** restore from this region or fail, never fall back (a drill proves one region) */
  pinnedRegion?: string;
  /**
   * replace only: after verification the copy waits (phase awaiting_cutover, at most
   * `approvalTimeoutSeconds`) for confirmCutoverUpdate, so its diff against the source is seen
   * before the swap. Without it a replace cuts over as soon as it is verified.
   */
  confirmCutover?: boolean;
}

export interface RestoreToPointInTimeResult {
  status: RestoreProgressView['status'];
  cloneId: string | null;
  region: string | null;
  /** seconds each phase took, in order (a drill records them); the clone's TTL is not a phase */
  phases?: { phase: string; seconds: number }[];
  /** size of the restored data directory before WAL replay */
  bytesRestored?: number | null;
  /** the phase a failed restore was in */
  failedPhase?: string | null;
}

/** What the workflow's phases and its message handlers share. */
export interface RestoreState {
  view: RestoreProgressView;
  decision: { approved: boolean; by: string; reason: string } | undefined;
  /** a clone's expiry, or (replace) when the previous data is destroyed; null until known */
  expiresAtMs: number | null;
  /** keepCloneUpdate: the clone outlives this workflow as a permanent instance */
  kept: boolean;
  undoRequest: UndoReplacePayload | undefined;
  /** who confirmed the cutover (replace with confirmCutover) */
  cutoverConfirmedBy: string | undefined;
  undoOutcome: { ok: true; result: UndoReplaceResult } | { ok: false; error: string } | undefined;
  /** when each phase began (workflow time), for the phase durations of the result */
  phaseLog: { phase: string; atMs: number }[];
}

/** Seconds between consecutive phase starts, up to `endMs`; `done` and later are not phases. */
export function phaseDurations(
  log: readonly { phase: string; atMs: number }[],
  endMs: number,
): { phase: string; seconds: number }[] {
  const out: { phase: string; seconds: number }[] = [];
  for (let i = 0; i < log.length; i++) {
    const cur = log[i]!;
    if (cur.phase === 'done' || cur.phase === 'clone_destroyed' || cur.phase === 'clone_kept')
      break;
    const next = log[i + 1]?.atMs ?? endMs;
    out.push({ phase: cur.phase, seconds: Math.max(0, Math.round((next - cur.atMs) / 100) / 10) });
  }
  return out;
}

export const DAY_SECONDS = 24 * 60 * 60;

/** progress shown on entering each phase (core's RESTORE_PHASES; `undoing` keeps the bar where it is) */
export const PERCENT: Record<string, number> = {
  validating: 2,
  awaiting_approval: 5,
  provisioning: 10,
  restoring: 15,
  starting: 65,
  waiting_for_promotion: 70,
  verifying: 88,
  outcome: 90,
  awaiting_cutover: 90,
  cutover: 92,
  backing_up: 95,
  done: 100,
} satisfies Partial<Record<RestorePhase | 'done', number>>;

export function initialRestoreState(input: RestoreToPointInTimeInput): RestoreState {
  const replace = input.mode === 'replace';
  // a replace overwrites what the source serves: never without a second person's approval
  const needsApproval = input.needsApproval || replace;
  return {
    view: {
      status: needsApproval ? 'pending_approval' : 'running',
      phase: 'validating',
      percent: PERCENT.validating!,
      region: null,
      checks: [],
      cloneId: null,
      expiresAt: null,
      error: null,
      mode: replace ? 'replace' : 'clone',
      targetLsn: null,
      timeline: null,
      undone: false,
    },
    decision: undefined,
    expiresAtMs: null,
    kept: false,
    undoRequest: undefined,
    cutoverConfirmedBy: undefined,
    undoOutcome: undefined,
    phaseLog: [{ phase: 'validating', atMs: Date.now() }],
  };
}

/** ActivityFailure says only "Activity task failed"; the reason is in its causes. */
export function failureMessage(err: unknown): string {
  let e: unknown = err;
  let last = String(err);
  while (e instanceof Error) {
    last = e.message;
    e = (e as { cause?: unknown }).cause;
  }
  return last;
}
