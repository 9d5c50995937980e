'use client';

import { CLOCK_SKEW_NOTE_MS } from '@rewind/core/client';
import type { InstanceDetailFull } from '@/lib/api-types';
import { formatAgo, formatDuration, formatIn } from './time';

/** Recovery point age, newest restorable second (in the display zone), last backup, geo check, clock. */
export function InstanceStats({
  instance,
  tz,
  now,
}: {
  instance: InstanceDetailFull;
  tz: string;
  now: number;
}) {
  const latest = latestOf(instance);
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="instance-stats">
      <Stat
        label="Recovery point age"
        value={instance.rpoSeconds === null ? '—' : formatDuration(instance.rpoSeconds)}
        // a stopped server commits nothing: its age grows without any data being at risk
        hint={
          instance.status === 'stopped'
            ? 'stopped: nothing new to archive'
            : 'newest archived commit'
        }
        testId="stat-rpo"
      />
      <Stat
        label="Latest restorable"
        value={latest ? formatIn(Date.parse(latest), tz).slice(11) : '—'}
        hint={tz}
        testId="stat-latest"
      />
      <Stat
        label="Last backup"
        value={instance.lastBackup ? formatAgo(instance.lastBackup.stoppedAt, now) : 'none yet'}
        hint={
          instance.lastBackup ? `${instance.lastBackup.type} · ${instance.lastBackup.region}` : ''
        }
      />
      <Stat
        label="Geo check"
        value={
          instance.geoCheck
            ? instance.geoCheck.ok
              ? 'both regions in sync'
              : 'out of sync'
            : 'not run yet'
        }
        hint={
          instance.geoCheck
            ? (instance.geoCheck.detail ?? `checked ${formatAgo(instance.geoCheck.checkedAt, now)}`)
            : ''
        }
        tone={instance.geoCheck && !instance.geoCheck.ok ? 'critical' : undefined}
      />
      <Stat
        label="Clock"
        value={
          instance.clockSkewMs === null ? 'not measured yet' : formatSkew(instance.clockSkewMs)
        }
        hint={
          instance.probedAt
            ? `vs the control plane · measured ${formatAgo(instance.probedAt, now)}`
            : ''
        }
        // time targets are read on this clock: a skew NTP would not leave deserves attention
        tone={
          instance.clockSkewMs !== null && Math.abs(instance.clockSkewMs) >= CLOCK_SKEW_NOTE_MS
            ? 'critical'
            : undefined
        }
        testId="stat-clock"
      />
    </dl>
  );
}

export function latestOf(i: InstanceDetailFull): string | null {
  const xs = i.window.regions.map((r) => r.latest).filter((x): x is string => !!x);
  return xs.length ? xs.reduce((a, b) => (a > b ? a : b)) : null;
}

function Stat({
  label,
  value,
  hint,
  tone,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  tone?: 'critical';
  testId?: string;
}) {
  return (
    <div
      className="min-w-0 rounded-lg border border-zinc-200 bg-white px-4 py-3"
      data-testid={testId}
    >
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd
        className={`mt-0.5 truncate font-mono text-base font-medium tabular-nums ${tone === 'critical' ? 'text-red-700' : 'text-zinc-900'}`}
      >
        {value}
      </dd>
      {hint ? <dd className="truncate text-[11px] text-zinc-500">{hint}</dd> : null}
    </div>
  );
}

/** `30.0 s ahead`, `1.2 s behind`, `in step` */
function formatSkew(ms: number): string {
  if (Math.abs(ms) < 100) return 'in step';
  return `${(Math.abs(ms) / 1000).toFixed(1)} s ${ms > 0 ? 'ahead' : 'behind'}`;
}
