'use client';

import { useEffect, useState } from 'react';
import { Button } from '@rewind/ui';
import type { BackupItem, InstanceDetailFull, RestoreRequest } from '@/lib/api-types';
import { QuickPicks } from './quick-picks';
import {
  browserZone,
  fieldsIn,
  formatUtc,
  fromFields,
  isoUtc,
  offsetLabel,
  parseRfc3339,
  zoneName,
  type ZoneChoice,
} from './time';
import { WalEventPicks } from './wal-event-picks';

/**
 * What the person chose: an instant (from the fields, the timeline, a quick pick or a pasted
 * RFC 3339 time, whose exact text is then sent as `sent`), `latest` (resolved by the server when
 * the restore starts), or text pasted that is not RFC 3339 (sent as is: the server says why not).
 */
export type PickedTarget =
  | { kind: 'instant'; ms: number; via?: string; sent?: string }
  | { kind: 'latest' }
  | { kind: 'typed'; text: string }
  /** just before a WAL event: its xid, exclusive; `ms` is the event's commit (for the timeline) */
  | { kind: 'xid'; xid: string; ms: number; via: string };

export function targetText(t: PickedTarget): string {
  if (t.kind === 'xid') return `xid ${t.xid}, exclusive`;
  return t.kind === 'instant' ? (t.sent ?? isoUtc(t.ms)) : t.kind === 'latest' ? 'latest' : t.text;
}

/** The request's `target`: `'latest'`, `{ time }`, or just before a transaction `{ xid, inclusive: false }` */
export function requestTarget(t: PickedTarget): RestoreRequest['target'] {
  if (t.kind === 'xid') return { xid: t.xid, inclusive: false };
  return t.kind === 'latest' ? 'latest' : { time: targetText(t) };
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
const TIME_24H = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
  const instantMs = value?.kind === 'instant' || value?.kind === 'xid' ? value.ms : null;

  // the fields follow the picked instant (and the zone it is read in) but may be half-typed
  const [fields, setFields] = useState<{ date: string; time: string }>({ date: '', time: '' });
  const [fieldError, setFieldError] = useState<string | null>(null);
  useEffect(() => {
    if (instantMs !== null) {
      setFields(fieldsIn(instantMs, tz));
      setFieldError(null);
    }
  }, [instantMs, tz]);

  const editField = (next: { date: string; time: string }) => {
    setFields(next);
    if (!DATE.test(next.date) || !TIME_24H.test(next.time)) {
      setFieldError(
        next.date && next.time.length >= 5
          ? 'Type the date as YYYY-MM-DD and the time as HH:MM:SS (24-hour)'
          : null,
      );
      return;
    }
    const t = fromFields(next.date, next.time.length === 5 ? `${next.time}:00` : next.time, tz);
    if (t === null)
      setFieldError(`${next.date} ${next.time} does not exist in ${tz} (a clock change skips it)`);
    else {
      setFieldError(null);
      onChange({ kind: 'instant', ms: t });
    }
  };

  return (
    <div className="min-w-0 space-y-4" data-testid="pitr-picker">
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
        <FieldInput
          label="Date"
          placeholder="YYYY-MM-DD"
          value={fields.date}
          onChange={(date) => editField({ ...fields, date })}
          testId="pitr-date"
          width="w-[8.5rem]"
        />
        <FieldInput
          label="Time, 24-hour"
          placeholder="HH:MM:SS"
          value={fields.time}
          onChange={(time) => editField({ ...fields, time })}
          testId="pitr-time"
          width="w-[6.5rem]"
        />
        <span className="pb-2 text-xs text-zinc-500" data-testid="pitr-zone">
          {tz === 'UTC' ? 'UTC' : `${tz} · ${offsetLabel(instantMs ?? Date.now(), tz)}`}
        </span>
      </div>
      {fieldError ? <p className="text-xs text-red-700">{fieldError}</p> : null}

      <p
        className="rounded-md bg-zinc-50 px-3 py-2 text-sm break-words ring-1 ring-inset ring-zinc-200"
        data-testid="pitr-utc"
      >
        <span className="text-zinc-500">Sent as </span>
        <span className="font-mono font-medium">{value ? targetText(value) : '—'}</span>
        {value?.kind === 'instant' && (tz !== 'UTC' || value.sent) ? (
          <span className="text-zinc-500"> · {formatUtc(value.ms)}</span>
        ) : null}
        {value?.kind === 'latest' ? (
          <span className="text-zinc-500"> · the newest restorable second when it starts</span>
        ) : null}
        {value?.kind === 'xid' ? <span className="text-zinc-500"> · {value.via}</span> : null}
      </p>

      <QuickPicks instance={instance} backups={backups} onChange={onChange} />

      <WalEventPicks
        instance={instance}
        onPick={(event, via) =>
          onChange({ kind: 'xid', xid: event.restoreTarget.xid, ms: Date.parse(event.time), via })
        }
      />

      <PasteTime onChange={onChange} />
    </div>
  );
}

function FieldInput({
  label,
  placeholder,
  value,
  onChange,
  testId,
  width,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  width: string;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
      {label}
      <input
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value.trim())}
        data-testid={testId}
        className={`h-9 ${width} rounded-md border border-zinc-300 bg-white px-2 font-mono text-sm text-zinc-900 placeholder:text-zinc-400 focus:border-indigo-600 focus:outline-none`}
      />
    </label>
  );
}

/**
 * An exact time pasted from a log or a ticket: RFC 3339 with an offset becomes the picked
 * instant (fields and timeline marker follow, the text is sent exactly); anything else is sent
 * as typed so the server can say what is wrong with it.
 */
function PasteTime({ onChange }: { onChange: (t: PickedTarget) => void }) {
  const [pasted, setPasted] = useState('');
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const text = pasted.trim();
        if (!text) return;
        const ms = parseRfc3339(text);
        onChange(
          ms === null
            ? { kind: 'typed', text }
            : { kind: 'instant', ms, via: 'pasted', sent: text },
        );
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
  );
}
