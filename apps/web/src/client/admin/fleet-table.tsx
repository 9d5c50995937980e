'use client';

import { StatusBadge, cx } from '@rewind/ui';
import { useMemo, useState } from 'react';
import type { AdminFleetInstance } from '@/server/admin/admin-types';
import { PageTitle } from './admin-shell';
import { useFleet } from './admin-queries';
import { ageOf, formatDuration, formatUtc } from './format';
import { QueryStates } from './query-states';
import { compareNullable, SortHeader, type SortState } from './sort-header';

type SortKey = 'tenant' | 'instance' | 'rpo' | 'backup' | 'drill';
/** beyond this a recovery point is worth a look (a few archive_timeouts on any plan) */
const RPO_WARN_SECONDS = 300;

/** Why an instance needs attention, in words; empty when it does not. */
export function fleetProblems(i: AdminFleetInstance): string[] {
  const out: string[] = [];
  if (i.status === 'failed') out.push('instance failed');
  // no sync yet (a new or restoring instance) is not a failure; a synced region that is not ok is
  for (const r of i.regions)
    if (r.syncedAt !== null && !r.archiveOk)
      out.push(`archive not ok in ${r.region}${r.error ? `: ${r.error}` : ''}`);
  if (i.geoCheck && !i.geoCheck.ok) out.push('geo check failing');
  if (i.status === 'running' && i.rpoSeconds === null) out.push('no recovery point yet');
  if (i.status === 'running' && i.rpoSeconds !== null && i.rpoSeconds > RPO_WARN_SECONDS)
    out.push('recovery point old');
  if (i.lastDrill?.status === 'failed') out.push('last drill failed');
  return out;
}

export function FleetTable() {
  const fleet = useFleet();
  const [text, setText] = useState('');
  const [status, setStatus] = useState('all');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [sort, setSort] = useState<SortState<SortKey>>({ key: 'rpo', dir: 'desc' });

  const rows = useMemo(() => {
    const all = fleet.data?.instances ?? [];
    const needle = text.trim().toLowerCase();
    const value = (i: AdminFleetInstance): number | string | null => {
      switch (sort.key) {
        case 'tenant':
          return i.tenant.slug;
        case 'instance':
          return i.name;
        case 'rpo':
          return i.rpoSeconds;
        case 'backup':
          return i.lastBackup?.stoppedAt ?? null;
        case 'drill':
          return i.lastDrill?.startedAt ?? null;
      }
    };
    return all
      .filter(
        (i) =>
          !needle ||
          `${i.tenant.slug} ${i.tenant.name} ${i.name} ${i.id}`.toLowerCase().includes(needle),
      )
      .filter((i) => status === 'all' || i.status === status)
      .filter((i) => !problemsOnly || fleetProblems(i).length > 0)
      .sort((a, b) => compareNullable(value(a), value(b), sort.dir));
  }, [fleet.data, text, status, problemsOnly, sort]);

  const statuses = [...new Set((fleet.data?.instances ?? []).map((i) => i.status))].sort();

  return (
    <>
      <PageTitle
        title="Fleet"
        description="Every tenant's instances with their recovery point per region, archive and geo health, last backup and last drill."
        actions={
          fleet.data ? (
            <p className="text-xs text-zinc-500">as of {formatUtc(fleet.data.generatedAt)}</p>
          ) : null
        }
      />
      <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter instances">
        <label className="grid gap-1 text-sm">
          <span className="text-zinc-600">Tenant or instance</span>
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="acme, orders…"
            className="h-9 w-56 rounded-md border border-zinc-300 bg-white px-2.5 text-sm"
            data-testid="fleet-filter"
          />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="text-zinc-600">Status</span>
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm"
          >
            <option value="all">All</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex h-9 items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={problemsOnly}
            onChange={(e) => setProblemsOnly(e.target.checked)}
            className="size-4"
          />
          Needs attention only
        </label>
      </div>
      <QueryStates
        query={fleet}
        what="the fleet"
        isEmpty={(d) => d.instances.length === 0}
        empty={{
          title: 'No instances yet',
          description: 'Instances appear here as soon as any tenant creates one.',
        }}
      >
        {() =>
          rows.length === 0 ? (
            <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-500">
              No instance matches these filters.
            </p>
          ) : (
            <div className="scroll-x rounded-lg border border-zinc-200">
              <table className="w-full text-sm" data-testid="fleet-table">
                <caption className="sr-only">Instances across tenants, {rows.length} shown</caption>
                <thead className="bg-zinc-50 text-left text-xs font-medium tracking-wide text-zinc-500">
                  <tr>
                    <SortHeader label="Tenant" sortKey="tenant" sort={sort} onSort={setSort} />
                    <SortHeader label="Instance" sortKey="instance" sort={sort} onSort={setSort} />
                    <SortHeader label="Recovery point" sortKey="rpo" sort={sort} onSort={setSort} />
                    <th scope="col" className="px-3 py-2.5 uppercase">
                      Archive
                    </th>
                    <th scope="col" className="hidden px-3 py-2.5 uppercase lg:table-cell">
                      Geo
                    </th>
                    <SortHeader
                      label="Last backup"
                      sortKey="backup"
                      sort={sort}
                      onSort={setSort}
                      className="hidden md:table-cell"
                    />
                    <SortHeader
                      label="Last drill"
                      sortKey="drill"
                      sort={sort}
                      onSort={setSort}
                      className="hidden md:table-cell"
                    />
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-100">
                  {rows.map((i) => (
                    <FleetRow key={i.id} i={i} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryStates>
    </>
  );
}

function FleetRow({ i }: { i: AdminFleetInstance }) {
  const problems = fleetProblems(i);
  return (
    <tr
      data-testid="fleet-row"
      data-instance-id={i.id}
      className={problems.length ? 'bg-amber-50/40' : undefined}
    >
      <td className="px-3 py-2.5 align-top">
        <p className="font-medium">{i.tenant.name}</p>
        <p className="font-mono text-xs text-zinc-500">
          {i.tenant.slug} · {i.tenant.planId}
        </p>
      </td>
      <td className="px-3 py-2.5 align-top">
        <p className="font-mono text-[13px]">{i.name}</p>
        <div className="mt-0.5 flex flex-wrap items-center gap-1">
          <StatusBadge status={i.status} />
          {i.kind === 'clone' ? <span className="text-xs text-zinc-500">clone</span> : null}
          {i.legalHold ? <span className="text-xs text-amber-700">legal hold</span> : null}
        </div>
      </td>
      <td className="px-3 py-2.5 align-top tabular-nums">
        <p
          className={cx('font-medium', problems.includes('recovery point old') && 'text-amber-800')}
        >
          {formatDuration(i.rpoSeconds)}
        </p>
        {problems.length ? (
          <p className="mt-0.5 max-w-56 text-xs text-amber-800" data-testid="fleet-problems">
            {problems.join('; ')}
          </p>
        ) : null}
      </td>
      <td className="px-3 py-2.5 align-top">
        <ul className="space-y-0.5">
          {i.regions.length === 0 ? (
            <li className="text-xs text-zinc-500">no catalog yet</li>
          ) : null}
          {i.regions.map((r) => (
            <li
              key={r.region}
              className="flex items-center gap-1.5 text-xs whitespace-nowrap"
              title={r.error ?? `latest ${formatUtc(r.latest)}, synced ${formatUtc(r.syncedAt)}`}
            >
              <span
                aria-hidden
                className={cx(
                  'size-1.5 rounded-full',
                  r.syncedAt === null
                    ? 'bg-zinc-300'
                    : r.archiveOk
                      ? 'bg-emerald-500'
                      : 'bg-red-500',
                )}
              />
              <span className="text-zinc-700">{r.region}</span>
              <span className="text-zinc-500 tabular-nums">{formatDuration(r.rpoSeconds)}</span>
              <span className="sr-only">
                {r.syncedAt === null
                  ? 'not synced yet'
                  : r.archiveOk
                    ? 'archive ok'
                    : 'archive failing'}
              </span>
              {r.gaps > 0 ? <span className="text-amber-700">{r.gaps} gap(s)</span> : null}
            </li>
          ))}
        </ul>
      </td>
      <td className="hidden px-3 py-2.5 align-top text-xs lg:table-cell">
        {i.geoCheck ? (
          <span
            className={i.geoCheck.ok ? 'text-emerald-700' : 'text-red-700'}
            title={i.geoCheck.detail ?? undefined}
          >
            {i.geoCheck.ok
              ? 'in sync'
              : `${i.geoCheck.missingSegments} seg / ${i.geoCheck.missingBackups} backups missing`}
            <span className="block text-zinc-500">
              {formatDuration(ageOf(i.geoCheck.checkedAt))} ago
            </span>
          </span>
        ) : (
          <span className="text-zinc-500">not checked</span>
        )}
      </td>
      <td className="hidden px-3 py-2.5 align-top text-xs md:table-cell">
        {i.lastBackup ? (
          <span title={`${i.lastBackup.label} in ${i.lastBackup.region}`}>
            {i.lastBackup.type} · {formatDuration(ageOf(i.lastBackup.stoppedAt))} ago
          </span>
        ) : (
          <span className="text-zinc-500">none</span>
        )}
      </td>
      <td className="hidden px-3 py-2.5 align-top text-xs md:table-cell">
        {i.lastDrill ? (
          <span className="inline-flex flex-col gap-0.5" title={i.lastDrill.error ?? undefined}>
            <StatusBadge status={i.lastDrill.status} />
            <span className="text-zinc-500">
              {formatDuration(ageOf(i.lastDrill.startedAt))} ago
            </span>
          </span>
        ) : (
          <span className="text-zinc-500">never</span>
        )}
      </td>
    </tr>
  );
}
