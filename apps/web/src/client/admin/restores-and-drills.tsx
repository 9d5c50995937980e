'use client';

import { StatusBadge } from '@rewind/ui';
import { useMemo, useState } from 'react';
import { PageTitle } from './admin-shell';
import { RestoreTarget } from './approvals-queue';
import { useAllRestores, useDrills } from './admin-queries';
import { formatDuration, formatUtc } from './format';
import { QueryStates } from './query-states';
import { AdminTable } from './admin-table';

export function RestoresAndDrills() {
  const restores = useAllRestores();
  const drills = useDrills();
  const [tenant, setTenant] = useState('all');
  const [status, setStatus] = useState('all');

  const tenantOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of restores.data ?? []) seen.set(r.tenant.slug, r.tenant.name);
    for (const d of drills.data ?? []) seen.set(d.tenant.slug, d.tenant.name);
    return [...seen].sort(([a], [b]) => a.localeCompare(b));
  }, [restores.data, drills.data]);
  const byTenant = <T extends { tenant: { slug: string } }>(rows: T[]) =>
    rows.filter((r) => tenant === 'all' || r.tenant.slug === tenant);

  return (
    <>
      <PageTitle
        title="Restores & drills"
        description="The newest 200 of each across every tenant."
      />
      <div
        className="flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Filter restores and drills"
      >
        <label className="grid gap-1 text-sm">
          <span className="text-zinc-600">Tenant</span>
          <select
            value={tenant}
            onChange={(e) => setTenant(e.target.value)}
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm"
          >
            <option value="all">All tenants</option>
            {tenantOptions.map(([slug, name]) => (
              <option key={slug} value={slug}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          <span className="text-zinc-600">Status</span>
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm"
          >
            {[
              'all',
              'pending_approval',
              'running',
              'succeeded',
              'failed',
              'cancelled',
              'rejected',
              'expired',
            ].map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? 'All' : s.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
      </div>

      <section aria-labelledby="restores-title" className="space-y-3">
        <h2 id="restores-title" className="text-base font-semibold">
          Restores
        </h2>
        <QueryStates
          query={restores}
          what="restores"
          isEmpty={(r) => r.length === 0}
          empty={{ title: 'No restores yet' }}
        >
          {(all) => {
            const rows = byTenant(all).filter((r) => status === 'all' || r.status === status);
            if (rows.length === 0) return <NoMatch />;
            return (
              <AdminTable
                testId="admin-restores"
                columns={[
                  { label: 'Tenant / instance' },
                  { label: 'Status' },
                  { label: 'Target', className: 'hidden md:table-cell' },
                  { label: 'Requested by', className: 'hidden lg:table-cell' },
                  { label: 'Created' },
                ]}
              >
                {rows.map((r) => (
                  <tr
                    key={r.id}
                    id={`restore-${r.id}`}
                    data-testid="admin-restore-row"
                    data-restore-id={r.id}
                    className="scroll-mt-28 target:bg-amber-50"
                  >
                    <td className="px-3 py-2.5 align-top">
                      <p className="font-medium">{r.tenant.name}</p>
                      <a
                        href={`#restore-${r.id}`}
                        className="font-mono text-xs text-indigo-700 hover:underline"
                        title={r.id}
                      >
                        {r.id.slice(0, 8)}
                      </a>
                      <p className="font-mono text-xs text-zinc-500">
                        {r.instance.name} · {r.mode}
                      </p>
                    </td>
                    <td className="px-3 py-2.5 align-top">
                      <StatusBadge status={r.status} />
                      <p className="mt-0.5 text-xs text-zinc-500">{r.phase}</p>
                      {r.error ? (
                        <p className="mt-0.5 max-w-64 text-xs text-red-700">{r.error}</p>
                      ) : null}
                    </td>
                    <td className="hidden px-3 py-2.5 align-top font-mono text-xs md:table-cell">
                      <RestoreTarget restore={r} />
                    </td>
                    <td className="hidden px-3 py-2.5 align-top text-xs text-zinc-600 lg:table-cell">
                      {r.requestedBy?.email ?? '—'}
                    </td>
                    <td
                      className="px-3 py-2.5 align-top text-xs whitespace-nowrap text-zinc-600"
                      title={formatUtc(r.createdAt)}
                    >
                      {formatDuration(r.ageSeconds)} ago
                    </td>
                  </tr>
                ))}
              </AdminTable>
            );
          }}
        </QueryStates>
      </section>

      <section aria-labelledby="drills-title" className="space-y-3">
        <h2 id="drills-title" className="text-base font-semibold">
          Restore drills
        </h2>
        <QueryStates
          query={drills}
          what="drills"
          isEmpty={(d) => d.length === 0}
          empty={{
            title: 'No drills yet',
            description:
              'Scheduled drills restore each instance from one region at a time to a random second of its window, check it and throw it away.',
          }}
        >
          {(all) => {
            const rows = byTenant(all).filter((d) => status === 'all' || d.status === status);
            if (rows.length === 0) return <NoMatch />;
            return (
              // no links in these rows: the region itself takes focus so a keyboard can scroll it
              <AdminTable
                testId="admin-drills"
                columns={[
                  { label: 'Tenant / instance' },
                  { label: 'Result' },
                  { label: 'Region / target' },
                  { label: 'Checks', className: 'hidden md:table-cell' },
                  { label: 'Started' },
                ]}
                label="Drills table"
              >
                {rows.map((d) => (
                  <tr key={d.id}>
                    <td className="px-3 py-2.5 align-top">
                      <p className="font-medium">{d.tenant.name}</p>
                      <p className="font-mono text-xs text-zinc-500">
                        {d.instance.name} · {d.trigger}
                      </p>
                    </td>
                    <td className="px-3 py-2.5 align-top">
                      <StatusBadge status={d.status} />
                      {d.durationSeconds !== null ? (
                        <p className="mt-0.5 text-xs text-zinc-500">
                          in {formatDuration(d.durationSeconds)}
                        </p>
                      ) : null}
                      {d.failedCheck ? (
                        <p className="mt-0.5 text-xs text-red-700">
                          failed at {d.failedCheck}
                          {d.walSegment ? (
                            <>
                              {' '}
                              · segment{' '}
                              <span className="font-mono" data-testid="drill-wal-segment">
                                {d.walSegment}
                              </span>
                            </>
                          ) : null}
                        </p>
                      ) : null}
                      {d.error ? (
                        <p className="mt-0.5 max-w-64 break-words text-xs text-red-700">
                          {d.error.length > 300 ? `${d.error.slice(0, 300)}…` : d.error}
                        </p>
                      ) : null}
                    </td>
                    <td className="px-3 py-2.5 align-top text-xs" data-testid="drill-target">
                      <p className="font-medium">{d.region ?? '—'}</p>
                      {d.target && 'time' in d.target ? (
                        <p className="font-mono text-zinc-600">
                          {formatUtc(d.target.time)}
                          {d.targetKind === 'oldest' ? ' (oldest)' : ''}
                        </p>
                      ) : null}
                      {d.backupLabel ? (
                        <p className="font-mono text-zinc-500">from {d.backupLabel}</p>
                      ) : null}
                      {d.bytesRestored !== null ? (
                        <p className="text-zinc-500">
                          {(d.bytesRestored / 1024 / 1024).toFixed(1)} MiB restored
                        </p>
                      ) : null}
                      {d.phases.length > 0 ? (
                        <p
                          className="hidden text-zinc-500 lg:block"
                          title="seconds per phase of the drill's restore"
                        >
                          {d.phases.map((p) => `${p.phase} ${p.seconds} s`).join(' · ')}
                        </p>
                      ) : null}
                    </td>
                    <td className="hidden px-3 py-2.5 align-top text-xs md:table-cell">
                      {d.checks.length === 0
                        ? '—'
                        : `${d.checks.filter((c) => c.ok).length}/${d.checks.length} passed`}
                    </td>
                    <td className="px-3 py-2.5 align-top text-xs whitespace-nowrap text-zinc-600">
                      {formatUtc(d.startedAt)}
                    </td>
                  </tr>
                ))}
              </AdminTable>
            );
          }}
        </QueryStates>
      </section>
    </>
  );
}

function NoMatch() {
  return (
    <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-500">
      Nothing matches these filters.
    </p>
  );
}
