'use client';

import type { BackupItem, InstanceDetailFull } from '@/lib/api-types';
import { Chip, justBefore, maxIso, minIso } from './pick-chip';
import type { PickedTarget } from './point-in-time-picker';

interface Pick {
  label: string;
  target: PickedTarget;
}

/**
 * The quick picks that the window can serve right now: each instant is checked against the
 * union of the regions' windows (outside every region's window, or in a gap of all of them, it
 * is not offered), plus `latest`, which the server works out when the restore starts (as RDS
 * "latest restorable time" and Azure do), so it never falls outside.
 */
export function quickPicks(
  instance: InstanceDetailFull,
  backups: BackupItem[],
  now = Date.now(),
): Pick[] {
  const picks: Pick[] = [
    { label: 'Latest, worked out when the restore starts', target: { kind: 'latest' } },
  ];
  const fiveAgo = Math.floor((now - 5 * 60_000) / 1000) * 1000;
  picks.push({
    label: '5 minutes ago',
    target: { kind: 'instant', ms: fiveAgo, via: '5 minutes ago' },
  });
  const latest = maxIso(instance.window.regions.map((r) => r.latest));
  if (latest)
    picks.push({
      label: 'Latest restorable now',
      target: {
        kind: 'instant',
        ms: Math.floor(Date.parse(latest) / 1000) * 1000,
        via: 'latest restorable second',
      },
    });
  const lastBackup = backups.length ? backups[backups.length - 1]! : null;
  if (lastBackup)
    picks.push({
      label: 'Before the last backup',
      target: {
        kind: 'instant',
        ms: justBefore(lastBackup.startedAt),
        via: `before backup ${lastBackup.label}`,
      },
    });
  return picks.filter((p) => p.target.kind !== 'instant' || inWindow(instance, p.target.ms));
}

/** Inside at least one region's [earliest, latest], outside that region's gaps. */
export function inWindow(instance: InstanceDetailFull, ms: number): boolean {
  return instance.window.regions.some((r) => {
    if (!r.earliest || !r.latest) return false;
    if (ms < Date.parse(r.earliest) || ms > Date.parse(r.latest)) return false;
    return !r.gaps.some((g) => ms >= Date.parse(g.from) && ms <= Date.parse(g.to));
  });
}

export function QuickPicks({
  instance,
  backups,
  onChange,
}: {
  instance: InstanceDetailFull;
  backups: BackupItem[];
  onChange: (t: PickedTarget) => void;
}) {
  const picks = quickPicks(instance, backups);
  const earliest = minIso(instance.window.regions.map((r) => r.earliest));
  return (
    <div data-testid="quick-picks">
      <p className="mb-1.5 text-xs font-medium text-zinc-600">Quick picks</p>
      <div className="flex flex-wrap gap-2">
        {picks.map((p) => (
          <Chip key={p.label} onClick={() => onChange(p.target)}>
            {p.label}
          </Chip>
        ))}
      </div>
      {earliest && picks.length < 4 ? (
        <p className="mt-1 text-[11px] text-zinc-500">
          Picks outside the restorable window are not offered.
        </p>
      ) : null}
    </div>
  );
}
