'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Card } from '@rewind/ui';
import { ApprovalActions, requesterLabel } from './restore-approval';
import { useMe, useRestores } from './queries';
import { describeTarget } from './restores-table';
import { formatAgo } from './time';
import { Instant } from './zone-context';

/**
 * Restores of the tenant (or of one instance) that wait for a second person, with the
 * decision right there for those who may take it. It reads the same query as the restores
 * table beside it, which already shows loading and errors: this only appears when something
 * waits.
 */
export function PendingApprovals({
  instanceId,
  showInstance = true,
}: {
  instanceId?: string;
  showInstance?: boolean;
}) {
  const restores = useRestores(instanceId);
  const me = useMe();
  const [notice, setNotice] = useState<string | null>(null);
  const pending = (restores.data ?? []).filter((r) => r.status === 'pending_approval');
  if (pending.length === 0 && !notice) return null;
  const myId = me.data?.principal.userId ?? null;

  return (
    <Card
      title={`Waiting for approval (${pending.length})`}
      testId="pending-approvals"
      className={pending.length ? 'border-amber-300' : undefined}
    >
      {notice ? (
        <p
          role="status"
          className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200"
          data-testid="approval-notice"
        >
          {notice}
        </p>
      ) : null}
      {pending.length === 0 ? (
        <p className="text-sm text-zinc-500">Nothing else waits for approval.</p>
      ) : (
        <ul className="-my-3 divide-y divide-zinc-100">
          {/* oldest first: each one is someone waiting */}
          {[...pending].reverse().map((r) => {
            const what = `${r.mode === 'replace' ? 'replace' : 'clone restore'} of ${r.instanceName}`;
            return (
              <li
                key={r.id}
                className="space-y-2 py-3"
                data-testid="pending-approval"
                data-restore-id={r.id}
              >
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                  <span
                    className={
                      r.mode === 'replace'
                        ? 'rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-600/20'
                        : 'rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700'
                    }
                  >
                    {r.mode}
                  </span>
                  {showInstance ? (
                    <span className="font-mono text-[13px]">{r.instanceName}</span>
                  ) : null}
                  <span className="text-zinc-500">to</span>
                  <span className="font-mono text-[13px] break-all">
                    {'time' in r.target ? (
                      <Instant iso={r.target.time} />
                    ) : (
                      describeTarget(r.target)
                    )}
                  </span>
                </p>
                <p className="text-xs text-zinc-500">
                  Requested by{' '}
                  <span className="text-zinc-700">{requesterLabel(r.requestedBy, myId)}</span> ·{' '}
                  <Instant iso={r.createdAt} /> ({formatAgo(r.createdAt)}) ·{' '}
                  <Link
                    href={`/restores/${r.id}`}
                    aria-label={`Details of the ${what}`}
                    className="text-indigo-700 hover:underline"
                  >
                    Details
                  </Link>
                </p>
                <ApprovalActions restore={r} label={what} onDecided={setNotice} />
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
