'use client';

import { useState } from 'react';
import { Button, Spinner } from '@rewind/ui';
import type { InstanceDetailFull } from '@/lib/api-types';
import { Chip, justBefore, maxIso, minIso } from './pick-chip';
import { useWalEvents } from './queries';
import { formatIn, isoUtc } from './time';

/** "Just before DROP TABLE orders at 14:05:07": destructive statements read from archived WAL. */
export function WalEventPicks({
  instance,
  tz,
  onPick,
}: {
  instance: InstanceDetailFull;
  tz: string;
  onPick: (ms: number, via: string) => void;
}) {
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const events = useWalEvents(instance.id, range);
  const earliest = minIso(instance.window.regions.map((r) => r.earliest));
  const latest = maxIso(instance.window.regions.map((r) => r.latest));
  if (!earliest || !latest) return null;
  const scan = () => {
    // the route reads at most 7 days of WAL per request; the newest days are where mistakes are
    const to = Date.parse(latest) + 1000;
    const from = Math.max(Date.parse(earliest), to - 7 * 86400_000);
    setRange({ from: isoUtc(from), to: isoUtc(to) });
  };
  return (
    <div data-testid="wal-events">
      {range === null ? (
        <Button
          type="button"
          variant="ghost"
          className="h-auto min-h-8 px-2 text-left text-xs text-indigo-700"
          onClick={scan}
        >
          Find destructive statements in archived WAL (DROP, TRUNCATE, mass DELETE/UPDATE)…
        </Button>
      ) : events.isPending ? (
        <p className="flex items-center gap-2 text-xs text-zinc-500">
          <Spinner className="size-3" /> Reading archived WAL…
        </p>
      ) : events.isError ? (
        <p className="text-xs text-red-700">Could not read WAL events: {events.error.message}</p>
      ) : events.data.events.length === 0 ? (
        <p className="text-xs text-zinc-500">No destructive statements in the window.</p>
      ) : (
        <div>
          <p className="mb-1.5 text-xs font-medium text-zinc-600">Just before… (times in {tz})</p>
          <div className="flex flex-wrap gap-2">
            {events.data.events
              .slice(-6)
              .reverse()
              .map((e) => {
                const label = `${e.kind.replace(/_/g, ' ').toUpperCase()}${e.relations?.length ? ` ${e.relations.join(', ')}` : ''}`;
                return (
                  <Chip
                    key={`${e.xid}-${e.lsn}`}
                    onClick={() => onPick(justBefore(e.time), `just before ${label}`)}
                  >
                    just before {label} at {formatIn(Date.parse(e.time), tz).slice(11)}
                  </Chip>
                );
              })}
          </div>
        </div>
      )}
    </div>
  );
}
