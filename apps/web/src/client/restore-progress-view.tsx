'use client';

import Link from 'next/link';
import { ErrorState, Spinner, StatusBadge } from '@rewind/ui';
import type { RestoreView } from '@/lib/api-types';
import { ApiError } from './api';
import { IntegrityReport } from './integrity-report';
import { InstanceNotFound } from './not-found-panel';
import { useRestore } from './queries';
import { ApprovalCard } from './restore-approval';
import { UndoCard } from './restore-cancel-undo';
import { CloneDiffCard } from './clone-diff-card';
import { CutoverConfirmCard } from './cutover-confirm-card';
import { CloneResultCard, ReplaceResultCard } from './restore-result-cards';
import { RestoreStepsCard } from './restore-steps';
import { describeTarget } from './restores-table';
import { formatDuration, formatInstant } from './time';
import { Instant, useDisplayZone } from './zone-context';

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
  const tz = useDisplayZone(r.timeZone);
  const verified = r.status === 'succeeded' && r.checks.length > 0 && r.checks.every((c) => c.ok);
  const targetLabel =
    'time' in r.target
      ? formatInstant(Date.parse(r.target.time), tz)
      : 'latest' in r.target && r.resolvedTargetAt
        ? `latest, ${formatInstant(Date.parse(r.resolvedTargetAt), tz)}`
        : describeTarget(r.target);

  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-xl font-semibold tracking-tight break-words">
          {r.mode === 'clone' ? 'Restore as clone' : 'Replace'} to{' '}
          <span className="font-mono text-lg" data-testid="restore-title-target">
            {'latest' in r.target && r.resolvedTargetAt ? (
              <>
                latest,{' '}
                <Instant
                  iso={r.resolvedTargetAt}
                  instanceZone={r.timeZone}
                  testId="restore-resolved-target"
                />
              </>
            ) : (
              targetLabel
            )}
          </span>
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
      <p className="text-sm text-zinc-500" data-testid="restore-times">
        Requested <Instant iso={r.createdAt} instanceZone={r.timeZone} testId="restore-requested" />
        {r.region ? ` · from ${r.region}` : ''}
        {r.finishedAt ? (
          <>
            {' '}
            · finished{' '}
            <Instant iso={r.finishedAt} instanceZone={r.timeZone} testId="restore-finished" /> (
            {formatDuration((Date.parse(r.finishedAt) - Date.parse(r.createdAt)) / 1000)})
          </>
        ) : null}{' '}
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

      <RestoreStepsCard r={r} />
      <IntegrityReport checks={r.checks} />

      {r.mode === 'replace' && r.status === 'succeeded' ? (
        <ReplaceResultCard r={r} targetLabel={targetLabel} />
      ) : null}

      {/* a replace's restored copy only carries the data into the source: the source is its result */}
      {r.mode === 'clone' &&
      r.result &&
      !(r.status !== 'succeeded' && r.result.status === 'deleted') ? (
        <CloneResultCard r={r} />
      ) : null}

      {r.mode === 'clone' && r.status === 'succeeded' && r.result?.status === 'running' ? (
        <CloneDiffCard restoreId={r.id} instanceZone={r.timeZone} />
      ) : null}

      {r.mode === 'replace' && r.status === 'running' && r.phase === 'awaiting_cutover' ? (
        <CutoverConfirmCard r={r} />
      ) : null}

      {r.mode === 'replace' && r.status === 'succeeded' ? <UndoCard r={r} /> : null}
    </>
  );
}
