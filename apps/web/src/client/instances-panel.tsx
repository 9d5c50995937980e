'use client';

import Link from 'next/link';
import { EmptyState, ErrorState, Spinner, StatusBadge, Button } from '@rewind/ui';
import { CloneBadge } from './clone-badge';
import { CreateInstanceForm } from './create-instance-form';
import { useDrills, useInstances, useMe, useTenant } from './queries';
import { formatAgo, formatDuration } from './time';

export function InstancesPanel() {
  const me = useMe();
  const instances = useInstances();
  const tenant = useTenant();
  const canCreate = me.data?.permissions.includes('instance:create') ?? false;

  return (
    <section className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Instances</h1>
          <p className="mt-1 text-sm text-zinc-500">
            PostgreSQL databases you can restore to any second of their window.
          </p>
        </div>
        {canCreate ? <CreateInstanceForm /> : null}
      </div>

      {instances.isPending ? (
        <div
          className="flex items-center gap-2 py-10 text-sm text-zinc-500"
          data-testid="instances-loading"
        >
          <Spinner /> Loading instances…
        </div>
      ) : instances.isError ? (
        <ErrorState
          title="Could not load instances"
          message={instances.error.message}
          action={
            <Button variant="secondary" onClick={() => void instances.refetch()}>
              Try again
            </Button>
          }
        />
      ) : instances.data.length === 0 ? (
        <div data-testid="instances-empty">
          <EmptyState
            title="No instances yet"
            description={
              canCreate
                ? 'Create your first database above; backups and WAL archiving start right away.'
                : 'An owner or admin of this tenant can create one.'
            }
          />
        </div>
      ) : (
        <div
          className="overflow-hidden rounded-lg border border-zinc-200 bg-white"
          data-testid="instances-list"
        >
          <table className="w-full text-sm">
            <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
              <tr>
                <th className="px-4 py-2.5">Name</th>
                <th className="px-4 py-2.5">Status</th>
                <th className="hidden px-4 py-2.5 md:table-cell">Plan</th>
                <th className="px-4 py-2.5">Recovery point</th>
                <th className="hidden px-4 py-2.5 sm:table-cell">Last backup</th>
                <th className="hidden px-4 py-2.5 md:table-cell">Drill</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {instances.data.map((i) => (
                <tr key={i.id} className="hover:bg-zinc-50">
                  <td className="px-4 py-3 font-medium">
                    <Link
                      href={`/instances/${i.id}`}
                      className="font-mono text-[13px] hover:underline"
                    >
                      {i.name}
                    </Link>
                    {i.kind === 'clone' ? (
                      <span className="mt-1 block">
                        <CloneBadge expiresAt={i.expiresAt} />
                      </span>
                    ) : null}
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={i.status} />
                  </td>
                  <td className="hidden px-4 py-3 text-zinc-500 md:table-cell">
                    {tenant.data?.plan.name ?? '—'} · PG {i.pgVersion}
                  </td>
                  <td
                    className="px-4 py-3 font-mono text-[13px] tabular-nums"
                    title="age of the newest restorable commit"
                  >
                    {i.rpoSeconds === null || i.rpoSeconds === undefined ? (
                      <span className="text-zinc-500">—</span>
                    ) : (
                      formatDuration(i.rpoSeconds)
                    )}
                  </td>
                  <td className="hidden px-4 py-3 text-zinc-500 sm:table-cell">
                    {i.lastBackupAt ? (
                      <time dateTime={i.lastBackupAt}>{formatAgo(i.lastBackupAt)}</time>
                    ) : (
                      'none yet'
                    )}
                  </td>
                  <td className="hidden px-4 py-3 md:table-cell">
                    <DrillCell instanceId={i.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function DrillCell({ instanceId }: { instanceId: string }) {
  const drills = useDrills(instanceId);
  const last = drills.data?.[0];
  if (drills.isPending) return <span className="text-xs text-zinc-500">…</span>;
  if (drills.isError)
    return (
      <span className="text-xs text-zinc-500" title={drills.error.message}>
        unknown
      </span>
    );
  return last ? (
    <StatusBadge status={last.status} />
  ) : (
    <span className="text-xs text-zinc-500">no drill yet</span>
  );
}
