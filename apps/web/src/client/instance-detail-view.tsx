'use client';

import Link from 'next/link';
import { useState } from 'react';
import {
  Button,
  Card,
  EmptyState,
  ErrorState,
  Spinner,
  StatusBadge,
  WindowTimeline,
} from '@rewind/ui';
import type { InstanceDetailFull } from '@/lib/api-types';
import { CLOCK_SKEW_NOTE_MS } from '@rewind/core/client';
import { ApiError } from './api';
import { InstanceLifecycle } from './instance-lifecycle';
import { InstanceNotFound } from './not-found-panel';
import { type PickedTarget } from './point-in-time-picker';
import {
  useBackups,
  useCan,
  useDrills,
  useInstance,
  useRestores,
  useSetLegalHold,
  useTenant,
} from './queries';
import { PendingApprovals } from './pending-approvals';
import { RestorePanel } from './restore-panel';
import { RestoresTable } from './restores-table';
import {
  formatAgo,
  formatDuration,
  formatIn,
  formatShort,
  zoneName,
  type ZoneChoice,
} from './time';
import { ValidationQueriesCard } from './validation-queries-card';

export function InstanceDetailView({ id }: { id: string }) {
  const instance = useInstance(id);

  return (
    <div className="space-y-6">
      <Link href="/" className="text-sm text-zinc-500 hover:text-zinc-900">
        ← Instances
      </Link>
      {instance.isPending ? (
        <div
          className="flex items-center gap-2 py-10 text-sm text-zinc-500"
          data-testid="instance-loading"
        >
          <Spinner /> Loading instance…
        </div>
      ) : instance.isError && !instance.data ? (
        instance.error instanceof ApiError && instance.error.status === 404 ? (
          <InstanceNotFound what="instance" />
        ) : (
          <ErrorState
            title="Could not load the instance"
            message={instance.error.message}
            action={
              <Button variant="secondary" onClick={() => void instance.refetch()}>
                Try again
              </Button>
            }
          />
        )
      ) : instance.data ? (
        <Detail instance={instance.data} stale={instance.isError} />
      ) : null}
    </div>
  );
}

function Detail({ instance, stale }: { instance: InstanceDetailFull; stale: boolean }) {
  const canRestore = useCan('restore:request');
  const backups = useBackups(instance.id);
  const [picked, setPicked] = useState<PickedTarget | null>(null);
  const [zone, setZone] = useState<ZoneChoice>('local');
  const tz = zoneName(zone, instance.timezone ?? 'UTC');
  const isClone = instance.kind === 'clone';
  const hasWindow = instance.window.regions.some((r) => r.earliest && r.latest);
  const tenant = useTenant();
  const now = Date.now();
  const retentionEdge = tenant.data ? now - tenant.data.retentionDays * 86400_000 : undefined;

  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-xl font-semibold tracking-tight" data-testid="instance-name">
          {instance.name}
        </h1>
        <StatusBadge status={instance.status} />
        {isClone ? (
          <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600">
            clone{instance.expiresAt ? ` · expires ${formatShort(instance.expiresAt)}` : ''}
          </span>
        ) : null}
        {instance.legalHold ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">
            legal hold
          </span>
        ) : null}
        {stale ? (
          <span className="text-xs text-amber-700">
            connection lost; showing the last known state
          </span>
        ) : null}
        <InstanceLifecycle instance={instance} retentionDays={tenant.data?.retentionDays} />
      </div>

      {instance.healthReason ? (
        <p
          role="alert"
          data-testid="instance-health-reason"
          className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {instance.healthReason}
        </p>
      ) : null}

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
          value={latestOf(instance) ? formatIn(Date.parse(latestOf(instance)!), tz).slice(11) : '—'}
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
              ? (instance.geoCheck.detail ??
                `checked ${formatAgo(instance.geoCheck.checkedAt, now)}`)
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

      <PendingApprovals instanceId={instance.id} showInstance={false} />

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
              backups={backups.data ?? []}
              now={now}
              retentionEdge={retentionEdge}
              selected={picked?.kind === 'instant' ? picked.ms : null}
              onPick={
                isClone ? undefined : (ms) => setPicked({ kind: 'instant', ms, via: 'timeline' })
              }
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

      {isClone ? (
        <p className="text-sm text-zinc-500">
          This is a restored clone; restore from the instance it was cloned from.
        </p>
      ) : hasWindow ? (
        <RestorePanel
          instance={instance}
          backups={backups.data ?? []}
          canRestore={canRestore}
          value={picked}
          onChange={setPicked}
          zone={zone}
          onZoneChange={setZone}
        />
      ) : null}

      {/* a clone is never restored from: the checks of its copies belong to its source */}
      {isClone ? null : <ValidationQueriesCard instance={instance} />}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Connection">
          {instance.connection ? (
            <ConnectionFields connection={instance.connection} />
          ) : (
            <p className="text-sm text-zinc-500" data-testid="connection-pending">
              Read-only access for members is being set up; it appears once the instance has been
              started or its plan applied.
            </p>
          )}
        </Card>
        <Card title="Protection">
          <Protection instance={instance} />
        </Card>
      </div>

      <InstanceRestores instanceId={instance.id} />

      <p className="text-xs text-zinc-500">
        Created <time dateTime={instance.createdAt}>{formatShort(instance.createdAt)}</time> ·
        PostgreSQL {instance.pgVersion} · <span className="font-mono">{instance.id}</span>
      </p>
    </>
  );
}

function latestOf(i: InstanceDetailFull): string | null {
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

export function ConnectionFields({
  connection: c,
}: {
  connection: NonNullable<InstanceDetailFull['connection']>;
}) {
  const [reveal, setReveal] = useState(false);
  const rows: Array<[string, string]> = [
    ['Host', c.host],
    ['Port', c.port === null ? 'assigned when running' : String(c.port)],
    ['Database', c.database],
    ['User', c.access === 'read_only' ? `${c.user} (read-only)` : c.user],
  ];
  const url =
    c.port === null
      ? null
      : `postgresql://${c.user}:${reveal ? encodeURIComponent(c.password) : '••••'}@${c.host}:${c.port}/${c.database}`;
  return (
    <div data-testid="connection">
      <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-y-2 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-500">{k}</dt>
            <dd
              className="truncate font-mono text-[13px]"
              data-testid={`connection-${k.toLowerCase()}`}
            >
              {v}
            </dd>
          </div>
        ))}
        <dt className="text-zinc-500">Password</dt>
        <dd className="flex min-w-0 items-center gap-2">
          <span className="truncate font-mono text-[13px]" data-testid="connection-password">
            {reveal ? c.password : '••••••••••••'}
          </span>
          <Button
            variant="ghost"
            className="h-7 px-2 text-xs"
            onClick={() => setReveal((r) => !r)}
            aria-pressed={reveal}
          >
            {reveal ? 'Hide' : 'Reveal'}
          </Button>
        </dd>
      </dl>
      {url ? (
        <p className="mt-3 truncate rounded bg-zinc-50 px-2 py-1.5 font-mono text-xs text-zinc-600 ring-1 ring-inset ring-zinc-200">
          {url}
        </p>
      ) : null}
    </div>
  );
}

function Protection({ instance }: { instance: InstanceDetailFull }) {
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

function InstanceRestores({ instanceId }: { instanceId: string }) {
  const restores = useRestores(instanceId);
  return (
    <Card
      title="Restores of this instance"
      actions={
        <Link href="/restores" className="text-xs text-indigo-700 hover:underline">
          All restores
        </Link>
      }
    >
      {restores.isPending ? (
        <p className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner className="size-3.5" /> Loading…
        </p>
      ) : restores.isError ? (
        <ErrorState title="Could not load restores" message={restores.error.message} />
      ) : restores.data.length === 0 ? (
        <EmptyState
          title="No restores yet"
          description="Pick a second above to bring this database back to it."
        />
      ) : (
        <RestoresTable rows={restores.data.slice(0, 5)} showInstance={false} />
      )}
    </Card>
  );
}

/** `30.0 s ahead`, `1.2 s behind`, `in step` */
function formatSkew(ms: number): string {
  if (Math.abs(ms) < 100) return 'in step';
  return `${(Math.abs(ms) / 1000).toFixed(1)} s ${ms > 0 ? 'ahead' : 'behind'}`;
}
