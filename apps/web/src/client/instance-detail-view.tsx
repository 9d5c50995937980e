'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button, Card, ErrorState, Spinner, StatusBadge } from '@rewind/ui';
import type { InstanceDetailFull } from '@/lib/api-types';
import { ApiError } from './api';
import { CloneActions } from './clone-actions';
import { CloneBadge } from './clone-badge';
import { ConnectionFields } from './connection-fields';
import { InstanceLifecycle } from './instance-lifecycle';
import { Protection } from './instance-protection';
import { InstanceRestores } from './instance-restores';
import { InstanceStats } from './instance-stats';
import { InstanceNotFound } from './not-found-panel';
import { type PickedTarget } from './point-in-time-picker';
import { PendingApprovals } from './pending-approvals';
import { useBackups, useCan, useInstance, useTenant } from './queries';
import { InstanceRecoverabilityCard } from './recoverability/instance-recoverability-card';
import { RestorePanel } from './restore-panel';
import { zoneName } from './time';
import { ValidationQueriesCard } from './validation-queries-card';
import { WindowCard } from './window-card';
import { Instant, useZoneChoice } from './zone-context';

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
  // one zone choice for the whole portal: the confirmation and the progress page read it too
  const { choice: zone, setChoice: setZone } = useZoneChoice();
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
          <CloneBadge expiresAt={instance.expiresAt} instanceZone={instance.timezone} />
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

      <InstanceStats instance={instance} tz={tz} now={now} />

      <PendingApprovals instanceId={instance.id} showInstance={false} />

      <WindowCard
        instance={instance}
        backups={backups.data ?? []}
        tz={tz}
        now={now}
        retentionEdge={retentionEdge}
        picked={picked}
        onPick={isClone ? undefined : setPicked}
      />

      {isClone ? (
        <Card title="Clone" testId="clone-card">
          <p className="mb-3 text-sm text-zinc-500">
            A restored clone: it goes when it expires. Restore from the instance it was cloned from.
          </p>
          <CloneActions
            clone={{
              id: instance.id,
              name: instance.name,
              status: instance.status,
              expiresAt: instance.expiresAt,
              maxExpiresAt: instance.maxExpiresAt ?? null,
              timeZone: instance.timezone,
            }}
          />
        </Card>
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

      {/* a clone is not drilled nor promised a window: its source's page shows the history */}
      {isClone ? null : <InstanceRecoverabilityCard instanceId={instance.id} tz={tz} />}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Connection">
          {instance.connection ? (
            <ConnectionFields instanceId={instance.id} connection={instance.connection} />
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
        Created <Instant iso={instance.createdAt} instanceZone={instance.timezone} /> · PostgreSQL{' '}
        {instance.pgVersion} · <span className="font-mono">{instance.id}</span>
      </p>
    </>
  );
}
