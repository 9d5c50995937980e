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
