'use client';

import type { RestorePhase } from '@rewind/core/client';
import { Card, ProgressBar } from '@rewind/ui';
import type { RestoreView } from '@/lib/api-types';
import { isFinalRestore } from './queries';
import { CancelButton } from './restore-cancel-undo';
import { formatBytes, formatDuration } from './time';

/** a step is a phase of core's list, or the end states the workflow records after the last one */
type Step = RestorePhase | 'done' | 'undone';

const CLONE_STEPS: readonly Step[] = [
  'validating',
  'provisioning',
  'restoring',
  'starting',
  'waiting_for_promotion',
  'verifying',
  'outcome',
  'done',
];
const REPLACE_STEPS: readonly Step[] = [
  'validating',
  'awaiting_approval',
  'provisioning',
  'restoring',
  'starting',
  'waiting_for_promotion',
  'verifying',
  'awaiting_cutover',
  'cutover',
  'backing_up',
  'done',
];

const STEP_LABEL: Record<Step, string> = {
  validating: 'Validate target',
  awaiting_approval: 'Approval',
  provisioning: 'Provision instance',
  restoring: 'Restore backup',
  starting: 'Start PostgreSQL',
  waiting_for_promotion: 'Replay WAL to target',
  verifying: 'Integrity checks',
  outcome: 'Hand over clone',
  awaiting_cutover: 'Compare, then confirm',
  cutover: 'Cut over',
  backing_up: 'Fresh backup',
  done: 'Done',
  undoing: 'Undoing replace',
  undone: 'Undone',
};

/** The progress bar, the current phase with its figures, and every step of the mode, done or to do. */
export function RestoreStepsCard({ r }: { r: RestoreView }) {
  const final = isFinalRestore(r.status);
  const steps = r.mode === 'replace' ? REPLACE_STEPS : CLONE_STEPS;
  const currentIdx = steps.indexOf(r.phase as Step);
  const percent = r.progress.percent ?? (r.status === 'succeeded' ? 100 : 0);
  const tone =
    r.status === 'failed'
      ? 'critical'
      : r.status === 'succeeded'
        ? 'positive'
        : final
          ? 'neutral'
          : 'accent';
  return (
    <Card
      title="Progress"
      actions={!final ? <CancelButton id={r.id} /> : null}
      testId="restore-progress"
    >
      <div className="flex items-center gap-3">
        <ProgressBar value={percent} label="Restore progress" tone={tone} />
        <span
          className="w-10 shrink-0 text-right font-mono text-sm tabular-nums"
          data-testid="restore-percent"
        >
          {percent}%
        </span>
      </div>
      <p className="mt-2 text-sm text-zinc-600" data-testid="restore-phase" data-phase={r.phase}>
        {final && r.status !== 'succeeded'
          ? `Restore ${r.status.replace(/_/g, ' ')}`
          : (STEP_LABEL[r.phase as Step] ?? r.phase.replace(/_/g, ' '))}
        {r.progress.bytesRestored !== undefined
          ? ` · ${formatBytes(r.progress.bytesRestored)}${r.progress.bytesTotal ? ` of ${formatBytes(r.progress.bytesTotal)}` : ''} restored`
          : ''}
        {r.progress.etaSeconds !== undefined && !final
          ? ` · about ${formatDuration(r.progress.etaSeconds)} left`
          : ''}
        {r.progress.replayedLsn ? ` · replayed to LSN ${r.progress.replayedLsn}` : ''}
        {r.progress.targetLsn ? ` · target LSN ${r.progress.targetLsn}` : ''}
      </p>
      {r.error ? (
        <p
          role="alert"
          className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200"
        >
          {r.error}
        </p>
      ) : null}
      <ol className="mt-5 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {steps.map((s, i) => {
          // a failed or cancelled restore records phase `done`: nothing after the last phase it reached is known done
          const ended = final && r.status !== 'succeeded';
          const state =
            r.status === 'succeeded' || (!ended && i < currentIdx)
              ? 'done'
              : ended
                ? i === steps.length - 1
                  ? r.status === 'failed'
                    ? 'failed'
                    : 'stopped'
                  : 'todo'
                : i === currentIdx
                  ? 'active'
                  : 'todo';
          return (
            <li
              key={s}
              className="flex items-center gap-2 text-sm"
              data-step={s}
              data-state={state}
            >
              <span
                aria-hidden
                className={`grid size-5 shrink-0 place-items-center rounded-full text-[11px] font-semibold ${
                  state === 'done'
                    ? 'bg-emerald-600 text-white'
                    : state === 'active'
                      ? 'bg-indigo-600 text-white'
                      : state === 'failed'
                        ? 'bg-red-600 text-white'
                        : 'bg-zinc-200 text-zinc-700'
                }`}
              >
                {state === 'done' ? '✓' : state === 'failed' ? '!' : i + 1}
              </span>
              <span className={state === 'todo' ? 'text-zinc-500' : 'text-zinc-800'}>
                {ended && i === steps.length - 1 ? r.status.replace(/_/g, ' ') : STEP_LABEL[s]}
                {state === 'active' ? <span className="sr-only"> (in progress)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
