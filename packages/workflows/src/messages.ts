import type { RestoreCheck, RestoreMode } from '@rewind/core';
import { defineQuery, defineSignal } from '@temporalio/workflow';

/**
 * Signals, queries and updates shared by workflows and their callers (web API, CLI). Defined
 * here, next to the workflows, so both sides use the same names and payload types.
 * Placeholder: the restore workflow will add approve/reject/cancel and a progress query.
 */

export interface ProgressView {
  phase: string;
  /** 0..1 */
  progress: number;
  detail?: string;
}

export const progressQuery = defineQuery<ProgressView>('progress');

export interface ApprovalDecision {
  approved: boolean;
  /** user id of the approver; the workflow refuses the requester's own approval */
  by: string;
  reason?: string;
}

export const approvalSignal = defineSignal<[ApprovalDecision]>('approval');
export const cancelSignal = defineSignal<[{ by: string; reason?: string }]>('cancel');
/**
 * A table restore's transient clone has served its copy: end its TTL now (the restore then
 * destroys it as at the end of any TTL). A signal, as a parent workflow cannot send updates.
 */
export const expireCloneSignal = defineSignal<[]>('expireClone');

// --- restoreToPointInTime (packages/workflows/src/restore/restore-to-point-in-time.ts) ---
import { defineUpdate } from '@temporalio/workflow';

/**
 * Payload of the restore approval updates. The tenancy routes call
 * `handle.executeUpdate(approveRestoreUpdate, { args: [{ approverUserId, reason }] })`
 * (or `rejectRestoreUpdate`); the workflow refuses an approver equal to the requester, and any
 * decision once the restore no longer awaits approval, by failing the update (the caller sees
 * a WorkflowUpdateFailedError carrying the message).
 */
export interface RestoreDecisionPayload {
  approverUserId: string;
  reason: string;
}
export interface RestoreDecisionResult {
  status: 'approved' | 'rejected';
}
export const APPROVE_RESTORE_UPDATE = 'approveRestore';
export const REJECT_RESTORE_UPDATE = 'rejectRestore';
export const approveRestoreUpdate = defineUpdate<RestoreDecisionResult, [RestoreDecisionPayload]>(
  APPROVE_RESTORE_UPDATE,
);
export const rejectRestoreUpdate = defineUpdate<RestoreDecisionResult, [RestoreDecisionPayload]>(
  REJECT_RESTORE_UPDATE,
);

/** Moves a clone's expiry (later to keep it, now to drop it); answers the new expiry. */
export const extendCloneUpdate = defineUpdate<
  { expiresAt: string },
  [{ expiresAt: string; byUserId: string }]
>('extendClone');

/**
 * Ends a finished clone's TTL without removing it: the clone is kept as a permanent instance
 * (the keepClone workflow then gives it its own stanza, backups and schedules). Refused once the
 * clone's expiry has passed or it was already kept.
 */
export const keepCloneUpdate = defineUpdate<{ keptAt: string }, [{ byUserId: string }]>(
  'keepClone',
);

export interface RestoreProgressView {
  status:
    'pending_approval' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'rejected' | 'expired';
  phase: string;
  percent: number;
  region: string | null;
  checks: RestoreCheck[];
  cloneId: string | null;
  expiresAt: string | null;
  error: string | null;
  /** replace or clone (absent: clone, from before replace existed) */
  mode?: RestoreMode;
  /** where recovery stopped (the new timeline's switch point), once promoted */
  targetLsn?: string | null;
  /** the timeline the restored data runs on, once promoted */
  timeline?: number | null;
  /** replace: undone within its TTL */
  undone?: boolean;
}
export const restoreProgressQuery = defineQuery<RestoreProgressView>('restoreProgress');

/**
 * Replace mode, while the data set aside is kept (until `expiresAt`): puts the source's previous
 * data back on its endpoint (same mechanics as the cutover). Refused when the restore is not a
 * finished replace, was already undone, or its data was destroyed. Answers once the old data
 * serves again and a new full backup was taken.
 */
export interface UndoReplacePayload {
  byUserId: string;
  reason?: string;
}
export interface UndoReplaceResult {
  status: 'undone';
  timeline: number | null;
}
export const UNDO_REPLACE_UPDATE = 'undoReplace';
export const undoReplaceUpdate = defineUpdate<UndoReplaceResult, [UndoReplacePayload]>(
  UNDO_REPLACE_UPDATE,
);

/**
 * Replace mode, requested with `confirmCutover`: the verified copy waits in phase
 * `awaiting_cutover` (its diff against the source can be read then) until a person confirms the
 * cutover; cancelling the restore instead destroys the copy and leaves the source as it is.
 */
export interface ConfirmCutoverPayload {
  byUserId: string;
}
export const CONFIRM_CUTOVER_UPDATE = 'confirmCutover';
export const confirmCutoverUpdate = defineUpdate<{ status: 'confirmed' }, [ConfirmCutoverPayload]>(
  CONFIRM_CUTOVER_UPDATE,
);

// --- applyTenantPlan (packages/workflows/src/tenant/apply-tenant-plan.ts) ---

/** Why the tenant's instances are brought to its plan again, and who caused it (audit). */
export interface ApplyPlanRequest {
  /** user id of whoever changed the plan or retention; null for the system */
  requestedBy: string | null;
  /** e.g. `tenant.plan_changed`, `plan.updated`, `tenant.retention_changed` */
  reason: string;
}

/**
 * Sent with signalWithStart to the tenant's one `applyTenantPlan` workflow: a change made while
 * a pass runs is applied by one more pass once it ends, so passes never overlap and the last
 * one always reads the newest plan.
 */
export const APPLY_PLAN_SIGNAL = 'applyPlan';
export const applyPlanSignal = defineSignal<[ApplyPlanRequest]>(APPLY_PLAN_SIGNAL);
