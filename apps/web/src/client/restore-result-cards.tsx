'use client';

import Link from 'next/link';
import { Card, StatusBadge } from '@rewind/ui';
import type { RestoreView } from '@/lib/api-types';
import { CloneActions } from './clone-actions';
import { CloneBadge } from './clone-badge';
import { ConnectionFields } from './connection-fields';

/** A finished replace: the source itself is the result. */
export function ReplaceResultCard({ r, targetLabel }: { r: RestoreView; targetLabel: string }) {
  return (
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
        The instance now serves its data as of <span className="font-mono">{targetLabel}</span>, at
        the same address with the same credentials.
      </p>
    </Card>
  );
}

/** The clone a clone restore made: its state, how to connect, and what to do with it. */
export function CloneResultCard({ r }: { r: RestoreView }) {
  const result = r.result!;
  return (
    <Card
      title="Restored clone"
      actions={
        // a removed clone has no page left to open
        result.status === 'deleted' ? null : (
          <Link
            href={`/instances/${result.instanceId}`}
            className="text-xs text-indigo-700 hover:underline"
          >
            Open instance
          </Link>
        )
      }
      testId="restore-result"
    >
      <p className="mb-3 flex flex-wrap items-center gap-2 text-sm text-zinc-600">
        <StatusBadge status={result.status} />
        {result.kind === 'clone' ? (
          <CloneBadge
            expiresAt={result.status === 'deleted' ? null : result.expiresAt}
            instanceZone={r.timeZone}
          />
        ) : (
          <span className="text-xs text-zinc-600" data-testid="clone-kept">
            kept as a permanent instance (no expiry)
          </span>
        )}
      </p>
      {result.connection ? (
        <ConnectionFields instanceId={result.instanceId} connection={result.connection} />
      ) : result.status === 'deleted' ? (
        <p className="text-sm text-zinc-500">
          This clone was removed
          {r.status === 'succeeded'
            ? ' (its TTL ended, or it was deleted)'
            : ' when the restore stopped; nothing of it is left running'}
          .
        </p>
      ) : (
        <p className="text-sm text-zinc-500">Connection details appear once the instance runs.</p>
      )}
      {result.kind === 'clone' && result.status !== 'deleted' && r.status === 'succeeded' ? (
        <div className="mt-4 border-t border-zinc-100 pt-4">
          <CloneActions
            clone={{
              id: result.instanceId,
              status: result.status,
              expiresAt: result.expiresAt,
              maxExpiresAt: result.maxExpiresAt,
              timeZone: r.timeZone,
            }}
          />
        </div>
      ) : null}
    </Card>
  );
}
