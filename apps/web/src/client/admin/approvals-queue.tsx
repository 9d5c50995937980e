'use client';

import { Button, StatusBadge } from '@rewind/ui';
import Link from 'next/link';
import { useState } from 'react';
import type { AdminRestore } from '@/server/admin/admin-types';
import { PageTitle } from './admin-shell';
import { usePendingRestores } from './admin-queries';
import { DecisionForm } from '../decision-form';
import { Instant } from '../zone-context';
import { formatDuration, formatUtc } from './format';
import { QueryStates } from './query-states';

export function ApprovalsQueue() {
  const pending = usePendingRestores();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageTitle
        title="Approvals"
        description="Restores waiting for a second person, across every tenant. Oldest first: each one is someone waiting."
      />
      {notice ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="decision-notice"
        >
          {notice}
        </p>
      ) : null}
      <QueryStates
        query={pending}
        what="pending restores"
        isEmpty={(rows) => rows.length === 0}
        empty={{
          title: 'Nothing waiting',
          description:
            'No restore is waiting for approval. New requests appear here within seconds.',
        }}
      >
        {(rows) => (
          <ul className="space-y-3" data-testid="approvals-queue">
            {[...rows].reverse().map((r) => (
              <PendingRow key={r.id} restore={r} onDecided={setNotice} />
            ))}
          </ul>
        )}
      </QueryStates>
    </>
  );
}

function PendingRow({
  restore: r,
  onDecided,
}: {
  restore: AdminRestore;
  onDecided(message: string): void;
}) {
  const [acting, setActing] = useState<'approve' | 'reject' | null>(null);
  return (
    <li
      className="rounded-lg border border-zinc-200 bg-white p-4"
      data-testid="pending-restore"
      data-restore-id={r.id}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">{r.tenant.name}</span>
            <span aria-hidden className="text-zinc-500">
              /
            </span>
            <span className="font-mono text-[13px]">{r.instance.name}</span>
            <span
              className={
                r.mode === 'replace'
                  ? 'rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-600/20 ring-inset'
                  : 'rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700'
              }
            >
              {r.mode}
            </span>
            <StatusBadge status={r.status} />
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-zinc-600 sm:grid-cols-[auto_1fr_auto_1fr]">
            <dt className="text-zinc-500">Target</dt>
            <dd className="font-mono text-[13px] break-all">
              <RestoreTarget restore={r} />
            </dd>
            <dt className="text-zinc-500">Requested by</dt>
            <dd className="break-all">{r.requestedBy?.email ?? 'unknown'}</dd>
            <dt className="text-zinc-500">Waiting</dt>
            <dd title={formatUtc(r.createdAt)}>{formatDuration(r.ageSeconds)}</dd>
            <dt className="text-zinc-500">Restore</dt>
            <dd className="font-mono text-xs break-all">
              <Link
                href={`/admin/restores#restore-${r.id}`}
                className="text-indigo-700 underline-offset-2 hover:underline"
                data-testid="pending-restore-link"
              >
                {r.id}
              </Link>
            </dd>
          </dl>
        </div>
        {acting === null ? (
          <div className="flex gap-2">
            <Button
              onClick={() => setActing('approve')}
              aria-label={`Approve restore of ${r.instance.name} (${r.tenant.name})`}
            >
              Approve
            </Button>
            <Button
              variant="secondary"
              onClick={() => setActing('reject')}
              aria-label={`Reject restore of ${r.instance.name} (${r.tenant.name})`}
            >
              Reject
            </Button>
          </div>
        ) : null}
      </div>
      {acting ? (
        <DecisionForm
          restoreId={r.id}
          approve={acting === 'approve'}
          via="platform"
          onCancel={() => setActing(null)}
          onDone={() => {
            onDecided(
              `${acting === 'approve' ? 'Approved' : 'Rejected'} the ${r.mode} restore of ${r.tenant.name} / ${r.instance.name}.`,
            );
            setActing(null);
          }}
        />
      ) : null}
    </li>
  );
}

/**
 * The stored target; for `latest`, the second it reached once its copy replayed it, or before
 * that the second it would reach if it started now.
 */
export function RestoreTarget({ restore: r }: { restore: AdminRestore }) {
  if (r.resolvedTargetAt !== null)
    return (
      <span data-testid="latest-resolved">
        {r.target}, <Instant iso={r.resolvedTargetAt} className="font-sans" />
      </span>
    );
  if (r.latestResolvesTo === null) return <>{r.target}</>;
  return (
    <span data-testid="latest-resolves-to">
      {r.target}{' '}
      <span className="font-sans text-zinc-600">
        (now {formatUtc(r.latestResolvesTo)}; worked out when it starts)
      </span>
    </span>
  );
}
