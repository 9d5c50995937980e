'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button, Spinner } from '@rewind/ui';
import type { InstanceDetailFull, WalEvent } from '@/lib/api-types';
import { maxIso, minIso } from './pick-chip';
import { useWalEvents } from './queries';
import { isoUtc } from './time';
import { timeTravelHref } from './time-travel-href';
import { Instant } from './zone-context';

/** What the event did, as a person would say it: "DROP TABLE", "DELETE of 10,000 rows". */
export function walEventLabel(e: Pick<WalEvent, 'kind' | 'rowCount'>): string {
  const rows = e.rowCount !== undefined ? ` of ${e.rowCount.toLocaleString('en-US')} rows` : '';
  switch (e.kind) {
    case 'drop_table':
      return 'DROP TABLE';
    case 'drop_database':
      return 'DROP DATABASE';
    case 'truncate':
      return 'TRUNCATE';
    case 'mass_delete':
      return `DELETE${rows}`;
    case 'mass_update':
      return `UPDATE${rows}`;
  }
}

/**
 * `sales.orders` (+2 more); while a restored copy's catalog is being read for names no sync saw,
 * "table being named"; else the database, or the file nodes when nothing named them.
 */
export function walEventTarget(
  e: Pick<WalEvent, 'tables' | 'database' | 'relations'> & Partial<Pick<WalEvent, 'resolution'>>,
): string {
  const [first, ...rest] = e.tables;
  if (first) return `${first.schema}.${first.table}${rest.length ? ` (+${rest.length} more)` : ''}`;
  if (e.resolution === 'pending') return 'table being named (reading the catalog as it was)…';
  if (e.database) return e.database;
  return e.relations?.length ? `unnamed ${e.relations.join(', ')}` : 'unnamed relation';
}

/**
 * Destructive statements read from archived WAL (DROP, TRUNCATE, mass DELETE/UPDATE), named as
 * they were at the event; each has one button that fills the restore panel with the target just
 * before it (its xid, exclusive), and a link to the read-only console at that same target.
 */
export function WalEventPicks({
  instance,
  onPick,
}: {
  instance: InstanceDetailFull;
  onPick: (event: WalEvent, via: string) => void;
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
          <p className="mb-1.5 text-xs font-medium text-zinc-600">
            Destructive statements, newest first
          </p>
          <ul className="divide-y divide-zinc-200 rounded-md ring-1 ring-inset ring-zinc-200">
            {events.data.events
              .slice(-20)
              .reverse()
              .map((e) => {
                const what = `${walEventLabel(e)} ${walEventTarget(e)}`;
                return (
                  <li
                    key={`${e.xid}-${e.lsn}-${e.kind}`}
                    className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
                    data-testid="wal-event"
                  >
                    <div className="min-w-0 text-xs">
                      <p className="font-medium break-words text-zinc-900">
                        <span className="font-mono">{walEventLabel(e)}</span>{' '}
                        <span className="font-mono text-indigo-800">{walEventTarget(e)}</span>
                      </p>
                      <p className="text-zinc-500">
                        {e.database ? `${e.database} · ` : ''}
                        <Instant iso={e.time} instanceZone={instance.timezone} /> · xid {e.xid}
                      </p>
                    </div>
                    <div className="flex shrink-0 flex-wrap gap-2">
                      <Link
                        href={timeTravelHref(instance.id, {
                          xid: e.restoreTarget.xid,
                          eventAt: e.time,
                        })}
                        className="inline-flex h-8 items-center rounded-md px-2.5 text-xs font-medium text-indigo-700 ring-1 ring-inset ring-indigo-300 hover:bg-indigo-50"
                        data-testid="wal-event-look-before"
                        aria-label={`Look at the data just before ${what} at ${e.time} (read-only console)`}
                      >
                        Look just before
                      </Link>
                      <Button
                        type="button"
                        variant="secondary"
                        className="h-8 px-2.5 text-xs"
                        onClick={() => onPick(e, `just before ${what} (xid ${e.xid})`)}
                        data-testid="wal-event-restore-before"
                        aria-label={`Restore to just before ${what} at ${e.time}`}
                      >
                        Restore to just before
                      </Button>
                    </div>
                  </li>
                );
              })}
          </ul>
        </div>
      )}
    </div>
  );
}
