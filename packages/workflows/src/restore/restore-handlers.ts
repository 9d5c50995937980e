import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  approvalSignal,
  approveRestoreUpdate,
  confirmCutoverUpdate,
  expireCloneSignal,
  extendCloneUpdate,
  keepCloneUpdate,
  rejectRestoreUpdate,
  restoreProgressQuery,
  undoReplaceUpdate,
  type RestoreDecisionPayload,
} from '../messages';
import type { RestoreState, RestoreToPointInTimeInput } from './restore-state';

/**
 * The messages restoreToPointInTime answers (declared in ../messages.ts, shared with the web API):
 *   update approveRestoreUpdate / rejectRestoreUpdate ({ approverUserId, reason })
 *   update extendCloneUpdate ({ expiresAt, byUserId }): a clone's expiry, or (replace) how long
 *          the source's previous data is kept for undo
 *   update keepCloneUpdate ({ byUserId }): a finished clone's TTL ends without removing it (kept
 *          as a permanent instance); refused once its expiry passed
 *   update undoReplaceUpdate ({ byUserId, reason }): replace only, while the old data is kept;
 *          answered once the undo phase (in the workflow's main body) has run
 *   update confirmCutoverUpdate ({ byUserId }): replace with confirmCutover only, in phase
 *          awaiting_cutover: the verified copy goes on to the cutover
 *   query  restoreProgressQuery
 *   signal approvalSignal ({ approved, by, reason }): the older placeholder, still honoured; a
 *          signal cannot answer, so one from the requester is ignored (prefer the updates)
 * Validators refuse without touching state, so a refused update leaves no trace in history.
 */
export function registerRestoreHandlers(
  input: RestoreToPointInTimeInput,
  state: RestoreState,
): void {
  const replace = input.mode === 'replace';
  setHandler(restoreProgressQuery, () => state.view);

  const decide = (approved: boolean) => ({
    validator: (p: RestoreDecisionPayload) => {
      if (state.view.status !== 'pending_approval' || state.decision)
        throw new Error(`this restore is not awaiting approval (phase ${state.view.phase})`);
      if (!p.approverUserId) throw new Error('approverUserId is required');
      if (!p.reason || p.reason.trim().length === 0) throw new Error('a reason is required');
      if (p.approverUserId === input.requestedBy)
        throw new Error(
          'the person who requested a restore cannot approve or reject it; ask another owner or admin',
        );
    },
    handler: (p: RestoreDecisionPayload) => {
      state.decision = { approved, by: p.approverUserId, reason: p.reason };
      return { status: approved ? ('approved' as const) : ('rejected' as const) };
    },
  });
  const approve = decide(true);
  const reject = decide(false);
  setHandler(approveRestoreUpdate, approve.handler, { validator: approve.validator });
  setHandler(rejectRestoreUpdate, reject.handler, { validator: reject.validator });
  setHandler(approvalSignal, (d) => {
    if (
      state.view.status !== 'pending_approval' ||
      state.decision ||
      !d.by ||
      d.by === input.requestedBy
    )
      return;
    state.decision = { approved: d.approved, by: d.by, reason: d.reason ?? '' };
  });

  setHandler(
    extendCloneUpdate,
    (p) => {
      state.expiresAtMs = Date.parse(p.expiresAt);
      state.view.expiresAt = new Date(state.expiresAtMs).toISOString();
      return { expiresAt: state.view.expiresAt };
    },
    {
      validator: (p) => {
        const { view } = state;
        if (
          view.status !== 'succeeded' ||
          state.kept ||
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

  // only a clone handed over has a TTL to end; before that the parent never sends it
  setHandler(expireCloneSignal, () => {
    if (replace || state.kept || state.expiresAtMs === null) return;
    state.expiresAtMs = Date.now();
    state.view.expiresAt = new Date(state.expiresAtMs).toISOString();
  });

  setHandler(
    keepCloneUpdate,
    () => {
      state.kept = true;
      state.view.expiresAt = null;
      return { keptAt: new Date().toISOString() };
    },
    {
      validator: (p) => {
        if (replace) throw new Error('only a clone can be kept as a permanent instance');
        if (state.kept) throw new Error('this clone is already kept as a permanent instance');
        if (
          state.view.status !== 'succeeded' ||
          state.expiresAtMs === null ||
          Date.now() >= state.expiresAtMs
        )
          throw new Error('only a running clone before its expiry can be kept');
        if (!p.byUserId) throw new Error('byUserId is required');
      },
    },
  );

  setHandler(
    confirmCutoverUpdate,
    (p) => {
      state.cutoverConfirmedBy = p.byUserId;
      return { status: 'confirmed' as const };
    },
    {
      validator: (p) => {
        if (!replace || !input.confirmCutover)
          throw new Error('only a replace requested with confirmCutover waits for a confirmation');
        if (state.cutoverConfirmedBy !== undefined)
          throw new Error('the cutover of this replace was already confirmed');
        if (state.view.phase !== 'awaiting_cutover')
          throw new Error(
            `this replace is not awaiting its cutover (status ${state.view.status}, phase ${state.view.phase})`,
          );
        if (!p.byUserId) throw new Error('byUserId is required');
      },
    },
  );

  setHandler(
    undoReplaceUpdate,
    async (p) => {
      state.undoRequest = p;
      await condition(() => state.undoOutcome !== undefined);
      const outcome = state.undoOutcome!;
      if (!outcome.ok) throw ApplicationFailure.nonRetryable(outcome.error, 'UndoFailed');
      return outcome.result;
    },
    {
      validator: (p) => {
        const { view } = state;
        if (!replace) throw new Error('only a replace restore can be undone');
        if (state.undoRequest) throw new Error('this replace was already undone');
        if (view.status !== 'succeeded' || view.phase !== 'done')
          throw new Error(
            view.undone || state.undoRequest
              ? 'this replace was already undone'
              : `this replace cannot be undone now (status ${view.status}, phase ${view.phase})`,
          );
        if (state.expiresAtMs === null || Date.now() >= state.expiresAtMs)
          throw new Error('the data kept for undo is gone (its TTL expired)');
        if (!p.byUserId) throw new Error('byUserId is required');
      },
    },
  );
}
