'use client';

import { Card, WindowTimeline } from '@rewind/ui';
import type { BackupItem, InstanceDetailFull } from '@/lib/api-types';
import type { PickedTarget } from './point-in-time-picker';
import { formatIn } from './time';

/** The restorable window per region on the timeline (click a second to pick it), with each region's range in the display zone. */
export function WindowCard({
  instance,
  backups,
  tz,
  now,
  retentionEdge,
  picked,
  onPick,
}: {
  instance: InstanceDetailFull;
  backups: BackupItem[];
  tz: string;
  now: number;
  retentionEdge: number | undefined;
  picked: PickedTarget | null;
  onPick: ((t: PickedTarget) => void) | undefined;
}) {
  const hasWindow = instance.window.regions.some((r) => r.earliest && r.latest);
  return (
    <Card
      title="Restorable window"
      actions={<span className="text-xs text-zinc-500">times in {tz} · refreshes every 5 s</span>}
      testId="window-card"
    >
      {!hasWindow ? (
        <p className="text-sm text-zinc-500" data-testid="window-empty">
          {instance.status === 'creating'
            ? 'The instance is being created. The window opens once the first backup completes and WAL is archived.'
            : 'Nothing restorable yet: the window opens once the first backup completes and WAL is archived.'}
        </p>
      ) : (
        <>
          <WindowTimeline
            regions={instance.window.regions}
            backups={backups}
            now={now}
            retentionEdge={retentionEdge}
            selected={picked?.kind === 'instant' || picked?.kind === 'xid' ? picked.ms : null}
            onPick={onPick ? (ms) => onPick({ kind: 'instant', ms, via: 'timeline' }) : undefined}
            format={(ms) => `${formatIn(ms, tz)}${tz === 'UTC' ? ' UTC' : ''}`}
          />
          <ul className="mt-4 grid gap-2 text-xs text-zinc-600 sm:grid-cols-2">
            {instance.window.regions.map((r) => (
              <li
                key={r.region}
                className="rounded-md bg-zinc-50 px-3 py-2 ring-1 ring-inset ring-zinc-200"
                data-testid={`window-${r.region}`}
              >
                <span className="font-medium text-zinc-800">{r.region}</span>{' '}
                {r.earliest && r.latest ? (
                  <span className="font-mono">
                    {formatIn(Date.parse(r.earliest), tz)} →{' '}
                    <span data-testid={`latest-${r.region}`}>
                      {formatIn(Date.parse(r.latest), tz)}
                    </span>
                  </span>
                ) : (
                  'nothing restorable'
                )}
                {r.gaps.length ? (
                  <span className="text-red-700">
                    {' '}
                    · {r.gaps.length} gap{r.gaps.length > 1 ? 's' : ''}
                  </span>
                ) : null}
                {!r.archiveOk && r.error ? (
                  <span className="block text-red-700">{r.error}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
