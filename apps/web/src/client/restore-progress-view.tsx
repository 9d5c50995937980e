'use client';

import Link from 'next/link';
import { useState } from 'react';
import { VALIDATION_CHECK_PREFIX } from '@rewind/core/client';
import { Button, Card, Dialog, ErrorState, ProgressBar, Spinner, StatusBadge } from '@rewind/ui';
import type { RestoreView } from '@/lib/api-types';
import { ApiError } from './api';
import { ConnectionFields } from './instance-detail-view';
import { InstanceNotFound } from './not-found-panel';
import { isFinalRestore, useCan, useCancelRestore, useRestore, useUndoRestore } from './queries';
import { ApprovalCard } from './restore-approval';
import { describeTarget } from './restores-table';
import { formatBytes, formatDuration, formatShort, formatUtc } from './time';

const CLONE_STEPS = [
  'validating',
  'provisioning',
  'restoring',
  'starting',
  'waiting_for_promotion',
  'verifying',
  'outcome',
  'done',
];
const REPLACE_STEPS = [
  'validating',
  'awaiting_approval',
  'provisioning',
  'restoring',
  'starting',
  'waiting_for_promotion',
  'verifying',
  'cutover',
  'backing_up',
  'done',
];

const STEP_LABEL: Record<string, string> = {
  validating: 'Validate target',
  awaiting_approval: 'Approval',
  provisioning: 'Provision instance',
  restoring: 'Restore backup',
  starting: 'Start PostgreSQL',
  waiting_for_promotion: 'Replay WAL to target',
  verifying: 'Integrity checks',
  outcome: 'Hand over clone',
  cutover: 'Cut over',
  backing_up: 'Fresh backup',
  done: 'Done',
  undoing: 'Undoing replace',
  undone: 'Undone',
};

export function RestoreProgressView({ id }: { id: string }) {
  const restore = useRestore(id);
  return (
    <div className="space-y-6">
      <Link href="/restores" className="text-sm text-zinc-500 hover:text-zinc-900">
        ← Restores
      </Link>
      {restore.isPending ? (
        <div className="flex items-center gap-2 py-10 text-sm text-zinc-500">
          <Spinner /> Loading restore…
        </div>
      ) : restore.isError && !restore.data ? (
        restore.error instanceof ApiError && restore.error.status === 404 ? (
          <InstanceNotFound what="restore" />
        ) : (
          <ErrorState title="Could not load the restore" message={restore.error.message} />
        )
      ) : restore.data ? (
        <Progress r={restore.data} />
      ) : null}
    </div>
  );
}

function Progress({ r }: { r: RestoreView }) {
  const final = isFinalRestore(r.status);
  const steps = r.mode === 'replace' ? REPLACE_STEPS : CLONE_STEPS;
  const currentIdx = steps.indexOf(r.phase);
  const percent = r.progress.percent ?? (r.status === 'succeeded' ? 100 : 0);
  const tone =
    r.status === 'failed'
      ? 'critical'
      : r.status === 'succeeded'
        ? 'positive'
        : final
          ? 'neutral'
          : 'accent';
  const verified = r.status === 'succeeded' && r.checks.length > 0 && r.checks.every((c) => c.ok);
  const targetLabel =
    'time' in r.target ? formatUtc(Date.parse(r.target.time)) : describeTarget(r.target);

  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold tracking-tight">
          {r.mode === 'clone' ? 'Restore as clone' : 'Replace'} to{' '}
          <span className="font-mono">{targetLabel}</span>
        </h1>
        <span data-testid="restore-status">
          <StatusBadge status={r.status} />
        </span>
        {verified ? (
          <span
            className="rounded-full bg-emerald-600 px-2 py-0.5 text-xs font-medium text-white"
            data-testid="restore-verified"
          >
            verified
          </span>
        ) : null}
      </div>
      <p className="text-sm text-zinc-500">
        Requested {formatShort(r.createdAt)}
        {r.region ? ` · from ${r.region}` : ''}
        {r.finishedAt
          ? ` · finished ${formatShort(r.finishedAt)} (${formatDuration((Date.parse(r.finishedAt) - Date.parse(r.createdAt)) / 1000)})`
          : ''}{' '}
        ·{' '}
        <Link href={`/instances/${r.instanceId}`} className="text-indigo-700 hover:underline">
          source instance
        </Link>
      </p>

      {r.status === 'pending_approval' ? (
        <ApprovalCard
          restore={r}
          label={`${r.mode === 'replace' ? 'replace' : 'clone restore'} to ${targetLabel}`}
        />
      ) : null}

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
            : (STEP_LABEL[r.phase] ?? r.phase.replace(/_/g, ' '))}
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

      {r.checks.length > 0 ? (
        <Card title="Integrity report" testId="integrity-report">
          <ul className="divide-y divide-zinc-100">
            {r.checks.map((c, i) => {
              const label = checkLabel(c.name);
              return (
                // the index keeps keys unique whatever names the stored checks carry
                <li
                  key={`${i}:${c.name}`}
                  className="flex gap-3 py-2.5 text-sm"
                  data-check={c.name}
                  data-ok={c.ok}
                >
                  <span
                    aria-hidden
                    className={`mt-0.5 grid size-5 shrink-0 place-items-center rounded-full text-[11px] font-bold text-white ${c.ok ? 'bg-emerald-600' : 'bg-red-600'}`}
                  >
                    {c.ok ? '✓' : '✕'}
                  </span>
                  <span className="min-w-0">
                    <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                      <span className="break-words font-medium" data-testid="check-name">
                        {label.title}
                      </span>
                      {label.tenant ? (
                        <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-[11px] font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200">
                          your query
                        </span>
                      ) : null}
                      <span className="sr-only">{c.ok ? 'passed' : 'failed'}</span>
                    </span>
                    <span
                      className={`block break-words text-xs ${label.tenant ? 'font-mono' : ''} ${c.ok ? 'text-zinc-600' : 'text-red-700'}`}
                      data-testid="check-detail"
                    >
                      {c.detail}
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}

      {r.mode === 'replace' && r.status === 'succeeded' ? (
        <Card
          title="Result"
          actions={
            <Link
              href={`/instances/${r.instanceId}`}
              className="text-xs text-indigo-700 hover:underline"
            >
              Open instance
            </Link>
          }
          testId="replace-result"
        >
          <p className="text-sm text-zinc-600">
            The instance now serves its data as of <span className="font-mono">{targetLabel}</span>,
            at the same address with the same credentials.
          </p>
        </Card>
      ) : null}

      {/* a replace's restored copy only carries the data into the source: the source is its result */}
      {r.mode === 'clone' &&
      r.result &&
      !(r.status !== 'succeeded' && r.result.status === 'deleted') ? (
        <Card
          title="Restored clone"
          actions={
            // a removed clone has no page left to open
            r.result.status === 'deleted' ? null : (
              <Link
                href={`/instances/${r.result.instanceId}`}
                className="text-xs text-indigo-700 hover:underline"
              >
                Open instance
              </Link>
            )
          }
          testId="restore-result"
        >
          <p className="mb-3 flex flex-wrap items-center gap-2 text-sm text-zinc-600">
            <StatusBadge status={r.result.status} />
            {r.result.expiresAt ? <span>expires {formatShort(r.result.expiresAt)}</span> : null}
          </p>
          {r.result.connection ? (
            <ConnectionFields connection={r.result.connection} />
          ) : r.result.status === 'deleted' ? (
            <p className="text-sm text-zinc-500">
              This clone was removed
              {r.status === 'succeeded'
                ? ' (its TTL ended)'
                : ' when the restore stopped; nothing of it is left running'}
              .
            </p>
          ) : (
            <p className="text-sm text-zinc-500">
              Connection details appear once the instance runs.
            </p>
          )}
        </Card>
      ) : null}

      {r.mode === 'replace' && r.status === 'succeeded' ? <UndoCard r={r} /> : null}
    </>
  );
}

const BUILT_IN_CHECKS: Record<string, string> = {
  recovery_target: 'Recovery target',
  amcheck: 'amcheck (tables and indexes)',
  schema_dump: 'Schema dump',
};

/** Built-in checks get a readable title; the tenant's own (`validation:<name>`) keep their name exactly as saved. */
function checkLabel(name: string): { title: string; tenant: boolean } {
  if (name.startsWith(VALIDATION_CHECK_PREFIX))
    return { title: name.slice(VALIDATION_CHECK_PREFIX.length), tenant: true };
  return { title: BUILT_IN_CHECKS[name] ?? name.replace(/_/g, ' '), tenant: false };
}

function CancelButton({ id }: { id: string }) {
  const can = useCan('restore:cancel');
  const cancel = useCancelRestore(id);
  const [open, setOpen] = useState(false);
  if (!can) return null;
  return (
    <>
      <Button
        variant="secondary"
        className="h-8 text-xs"
        onClick={() => setOpen(true)}
        disabled={cancel.isPending || cancel.isSuccess}
        data-testid="restore-cancel"
      >
        {cancel.isSuccess ? 'Cancelling…' : 'Cancel restore'}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Cancel this restore?"
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Keep running
            </Button>
            <Button
              variant="danger"
              onClick={() => cancel.mutate(undefined, { onSettled: () => setOpen(false) })}
            >
              Cancel restore
            </Button>
          </>
        }
      >
        <p>
          Everything provisioned for it is removed: no process, port or directory stays behind. The
          source instance is untouched.
        </p>
        {cancel.isError ? <p className="text-red-700">{cancel.error.message}</p> : null}
      </Dialog>
    </>
  );
}

function UndoCard({ r }: { r: RestoreView }) {
  const can = useCan('restore:request');
  const undo = useUndoRestore(r.id);
  const [open, setOpen] = useState(false);
  const undone = r.phase === 'undone' || r.phase === 'undoing';
  return (
    <Card title="Undo replace" testId="undo-card">
      <p className="text-sm text-zinc-600">
        The data the instance had before this replace is kept for a limited time. Undo puts it back
        and takes a fresh backup.
      </p>
      {undone ? (
        <p className="mt-3 text-sm font-medium">
          {r.phase === 'undoing' ? 'Undo in progress…' : 'This replace was undone.'}
        </p>
      ) : can ? (
        <>
          <Button
            variant="secondary"
            className="mt-3"
            onClick={() => setOpen(true)}
            data-testid="undo-button"
          >
            Undo replace…
          </Button>
          <Dialog
            open={open}
            onClose={() => setOpen(false)}
            title="Undo this replace?"
            footer={
              <>
                <Button variant="secondary" onClick={() => setOpen(false)}>
                  Back
                </Button>
                <Button
                  onClick={() => undo.mutate(undefined, { onSuccess: () => setOpen(false) })}
                  disabled={undo.isPending}
                >
                  Undo replace
                </Button>
              </>
            }
          >
            <p>
              The instance goes back to the data it had just before the cutover. Writes made since
              the cutover are lost.
            </p>
            {undo.isError ? <p className="text-red-700">{undo.error.message}</p> : null}
          </Dialog>
        </>
      ) : null}
      {undo.isError && !open ? (
        <p className="mt-2 text-sm text-red-700">{undo.error.message}</p>
      ) : null}
    </Card>
  );
}
