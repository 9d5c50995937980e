'use client';

import { Button, StatusBadge } from '@rewind/ui';
import type { InstanceDetailFull } from '@/lib/api-types';
import { useCan, useDrills, useSetLegalHold } from './queries';
import { formatAgo, formatDuration } from './time';

/** Legal hold and the last restore drill of an instance. */
export function Protection({ instance }: { instance: InstanceDetailFull }) {
  const canHold = useCan('retention:update');
  const hold = useSetLegalHold(instance.id);
  const drills = useDrills(instance.id);
  const lastDrill = drills.data?.[0];
  return (
    <div className="space-y-4 text-sm">
      <div className="flex items-start justify-between gap-3">
        <div>
          <p className="font-medium">Legal hold</p>
          <p className="text-xs text-zinc-500">
            Keeps every backup and WAL segment past retention until released.
          </p>
          {hold.isError ? <p className="text-xs text-red-700">{hold.error.message}</p> : null}
        </div>
        {canHold ? (
          <Button
            variant="secondary"
            className="h-8 shrink-0 text-xs"
            disabled={hold.isPending}
            onClick={() => hold.mutate(!instance.legalHold)}
            data-testid="legal-hold-toggle"
          >
            {instance.legalHold ? 'Release hold' : 'Place hold'}
          </Button>
        ) : (
          <span className="text-xs text-zinc-600">{instance.legalHold ? 'on' : 'off'}</span>
        )}
      </div>
      <div>
        <p className="font-medium">Restore drills</p>
        {drills.isPending ? (
          <p className="text-xs text-zinc-500">Loading…</p>
        ) : drills.isError ? (
          <p className="text-xs text-red-700">{drills.error.message}</p>
        ) : !lastDrill ? (
          <p className="text-xs text-zinc-500">
            No drill has run yet. Drills restore a recent second to a throwaway clone and check it.
          </p>
        ) : (
          <p className="flex flex-wrap items-center gap-2 text-xs text-zinc-600">
            <StatusBadge status={lastDrill.status} /> last drill{' '}
            {lastDrill.startedAt ? formatAgo(lastDrill.startedAt) : ''}
            {lastDrill.durationSeconds !== null
              ? ` · took ${formatDuration(lastDrill.durationSeconds)}`
              : ''}
            {lastDrill.error ? <span className="text-red-700">{lastDrill.error}</span> : null}
          </p>
        )}
      </div>
    </div>
  );
}
