'use client';

import { useEffect, useState } from 'react';
import { Button, Spinner } from '@rewind/ui';
import type { BackupItem, InstanceDetailFull } from '@/lib/api-types';
import { useWalEvents } from './queries';
import {
  browserZone,
  fieldsIn,
  formatIn,
  formatUtc,
  fromFields,
  isoUtc,
  offsetLabel,
  zoneName,
  type ZoneChoice,
} from './time';

/** What the person chose: an instant from the fields or a quick pick, or text pasted as is. */
export type PickedTarget =
  { kind: 'instant'; ms: number; via?: string } | { kind: 'typed'; text: string };

export function targetText(t: PickedTarget): string {
  return t.kind === 'instant' ? isoUtc(t.ms) : t.text;
}

interface Props {
  instance: InstanceDetailFull;
  backups: BackupItem[];
  value: PickedTarget | null;
  onChange: (t: PickedTarget) => void;
  zone: ZoneChoice;
  onZoneChange: (z: ZoneChoice) => void;
}

const ZONES: ZoneChoice[] = ['local', 'utc', 'instance'];

export function PointInTimePicker({
  instance,
  backups,
  value,
  onChange,
  zone,
  onZoneChange,
}: Props) {
  const instanceZone = instance.timezone ?? 'UTC';
  const tz = zoneName(zone, instanceZone);
  const instantMs = value?.kind === 'instant' ? value.ms : null;

  // the fields follow the picked instant (and the zone it is read in) but may be half-typed
  const [fields, setFields] = useState<{ date: string; time: string }>({ date: '', time: '' });
  const [fieldError, setFieldError] = useState<string | null>(null);
  useEffect(() => {
    if (instantMs !== null) {
      setFields(fieldsIn(instantMs, tz));
      setFieldError(null);
    }
  }, [instantMs, tz]);

  const [pasted, setPasted] = useState('');

  const editField = (next: { date: string; time: string }) => {
    setFields(next);
    if (!next.date || !next.time) return;
    const t = fromFields(next.date, next.time.length === 5 ? `${next.time}:00` : next.time, tz);
    if (t === null)
      setFieldError(`${next.date} ${next.time} does not exist in ${tz} (a clock change skips it)`);
    else {
      setFieldError(null);
      onChange({ kind: 'instant', ms: t });
    }
  };

  const latest = maxIso(instance.window.regions.map((r) => r.latest));
  const lastBackup = backups.length ? backups[backups.length - 1]! : null;

  return (
    <div className="space-y-4" data-testid="pitr-picker">
      <fieldset>
        <legend className="mb-1.5 text-xs font-medium text-zinc-600">Time zone</legend>
        <div
          role="radiogroup"
          className="inline-flex flex-wrap rounded-md bg-zinc-100 p-0.5 text-xs"
        >
          {ZONES.map((z) => (
            <button
              key={z}
              type="button"
              role="radio"
              aria-checked={zone === z}
              onClick={() => onZoneChange(z)}
              data-testid={`zone-${z}`}
              className={`rounded px-2.5 py-1 font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 ${zone === z ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900'}`}
            >
              {z === 'local'
                ? `Browser (${browserZone()})`
                : z === 'utc'
                  ? 'UTC'
                  : `Instance (${instanceZone})`}
            </button>
          ))}
        </div>
      </fieldset>

      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
          Date
          <input
            type="date"
            value={fields.date}
            onChange={(e) => editField({ ...fields, date: e.target.value })}
            data-testid="pitr-date"
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 font-mono text-sm text-zinc-900 focus:border-indigo-600 focus:outline-none"
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
          Time (to the second)
          <input
            type="time"
            step={1}
            value={fields.time}
            onChange={(e) => editField({ ...fields, time: e.target.value })}
            data-testid="pitr-time"
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 font-mono text-sm text-zinc-900 focus:border-indigo-600 focus:outline-none"
          />
        </label>
        <span className="pb-2 text-xs text-zinc-500">
          {offsetLabel(instantMs ?? Date.now(), tz)}
        </span>
      </div>
      {fieldError ? <p className="text-xs text-red-700">{fieldError}</p> : null}

      <p
        className="rounded-md bg-zinc-50 px-3 py-2 text-sm ring-1 ring-inset ring-zinc-200"
        data-testid="pitr-utc"
      >
        <span className="text-zinc-500">Sent as </span>
        <span className="font-mono font-medium">{value ? targetText(value) : '—'}</span>
        {value?.kind === 'instant' && tz !== 'UTC' ? (
          <span className="text-zinc-500"> · {formatUtc(value.ms)}</span>
        ) : null}
      </p>

      <div>
        <p className="mb-1.5 text-xs font-medium text-zinc-600">Quick picks</p>
        <div className="flex flex-wrap gap-2">
          <Chip
            onClick={() =>
              onChange({
                kind: 'instant',
                ms: Math.floor((Date.now() - 5 * 60_000) / 1000) * 1000,
                via: '5 minutes ago',
              })
            }
          >
            5 minutes ago
          </Chip>
          {latest ? (
            <Chip
              onClick={() =>
                onChange({
                  kind: 'instant',
                  ms: Math.floor(Date.parse(latest) / 1000) * 1000,
                  via: 'latest restorable second',
                })
              }
            >
              Latest restorable
            </Chip>
          ) : null}
          {lastBackup ? (
            <Chip
              onClick={() =>
                onChange({
                  kind: 'instant',
                  ms: justBefore(lastBackup.startedAt),
                  via: `before backup ${lastBackup.label}`,
                })
              }
            >
              Before the last backup
            </Chip>
          ) : null}
        </div>
      </div>

      <WalEventPicks
        instance={instance}
        tz={tz}
        onPick={(ms, via) => onChange({ kind: 'instant', ms, via })}
      />

      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (pasted.trim()) onChange({ kind: 'typed', text: pasted.trim() });
        }}
      >
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs font-medium text-zinc-600">
          Or paste an exact time (RFC 3339 with offset)
          <input
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder="2026-11-22T14:04:59Z"
            spellCheck={false}
            data-testid="pitr-paste"
            className="h-9 w-full rounded-md border border-zinc-300 bg-white px-2 font-mono text-sm text-zinc-900 placeholder:text-zinc-400 focus:border-indigo-600 focus:outline-none"
          />
        </label>
        <Button
          type="submit"
          variant="secondary"
          disabled={!pasted.trim()}
          data-testid="pitr-paste-use"
        >
          Use this time
        </Button>
      </form>
    </div>
  );
}

function WalEventPicks({
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
          className="h-8 px-2 text-xs text-indigo-700"
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
          <p className="mb-1.5 text-xs font-medium text-zinc-600">Just before…</p>
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

/** The last whole second strictly before `iso` (targets are inclusive, to the second). */
function justBefore(iso: string): number {
  const t = Date.parse(iso);
  const floor = Math.floor(t / 1000) * 1000;
  // a commit at .000 exactly would be included by its own second
  return floor === t ? floor - 1000 : floor;
}

function Chip({ children, onClick }: { children: React.ReactNode; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="rounded-full bg-white px-3 py-1 text-xs font-medium text-zinc-700 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      {children}
    </button>
  );
}

export function maxIso(xs: Array<string | null>): string | null {
  const v = xs.filter((x): x is string => !!x);
  return v.length ? v.reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b)) : null;
}

export function minIso(xs: Array<string | null>): string | null {
  const v = xs.filter((x): x is string => !!x);
  return v.length ? v.reduce((a, b) => (Date.parse(a) < Date.parse(b) ? a : b)) : null;
}
