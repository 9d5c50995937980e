'use client';

import Link from 'next/link';
import { StatusBadge } from '@rewind/ui';
import type { RestoreListItem, RestoreTargetSpec } from '@/lib/api-types';
import { CloneBadge } from './clone-badge';
import { Instant } from './zone-context';

export function describeTarget(t: RestoreTargetSpec): string {
  if ('time' in t) return t.time.replace(/\.000000Z$|\.0+Z$/, 'Z');
  if ('lsn' in t) return `LSN ${t.lsn}`;
  if ('xid' in t) return `xid ${t.xid}`;
  if ('name' in t) return `restore point ${t.name}`;
  return 'latest';
}

/** "42 s", "3 min 5 s", "1 h 2 min"; null while running */
export function formatDuration(fromIso: string, toIso: string | null): string | null {
  if (!toIso) return null;
  const s = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function RestoresTable({
  rows,
  showInstance = true,
}: {
  rows: RestoreListItem[];
  showInstance?: boolean;
}) {
  return (
    <div className="scroll-x -mx-5">
      <table className="w-full min-w-[52rem] text-sm" data-testid="restores-table">
        <thead className="text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
          <tr className="border-b border-zinc-100">
            <th className="px-5 py-2">Requested</th>
            <th className="px-3 py-2">By</th>
            {showInstance ? <th className="px-3 py-2">Instance</th> : null}
            <th className="px-3 py-2">Target</th>
            <th className="px-3 py-2">Mode</th>
            <th className="px-3 py-2">Region</th>
            <th className="px-3 py-2">Duration</th>
            <th className="px-3 py-2">Result</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-zinc-50">
              <td className="px-5 py-2.5">
                <Link href={`/restores/${r.id}`} className="text-indigo-700 hover:underline">
                  <Instant iso={r.createdAt} />
                </Link>
              </td>
              <td
                className="max-w-[12rem] truncate px-3 py-2.5 text-zinc-600"
                title={r.requestedBy?.email ?? undefined}
              >
                {r.requestedBy ? (r.requestedBy.email ?? 'former member') : 'drill (scheduled)'}
              </td>
              {showInstance ? (
                <td className="px-3 py-2.5">
                  <Link
                    href={`/instances/${r.instanceId}`}
                    className="font-mono text-[13px] hover:underline"
                  >
                    {r.instanceName}
                  </Link>
                </td>
              ) : null}
              <td className="px-3 py-2.5 font-mono text-[13px]">
                {'time' in r.target ? <Instant iso={r.target.time} /> : describeTarget(r.target)}
              </td>
              <td className="px-3 py-2.5 text-zinc-600">{r.mode}</td>
              <td className="px-3 py-2.5 text-zinc-600">{r.region ?? '—'}</td>
              <td className="px-3 py-2.5 tabular-nums text-zinc-600">
                {formatDuration(r.createdAt, r.finishedAt) ?? '—'}
              </td>
              <td className="whitespace-nowrap px-3 py-2.5">
                <StatusBadge status={r.status} />
                {r.status === 'running' ? (
                  <span className="ml-1.5 text-xs text-zinc-500">{r.phase.replace(/_/g, ' ')}</span>
                ) : null}
                {r.verified === true ? (
                  <span className="ml-1.5 text-xs font-medium text-emerald-700">verified</span>
                ) : null}
                {r.verified === false ? (
                  <span className="ml-1.5 text-xs font-medium text-red-700">check failed</span>
                ) : null}
                {r.clone && r.clone.kind === 'clone' && r.clone.status !== 'deleted' ? (
                  <span className="ml-1.5">
                    <CloneBadge expiresAt={r.clone.expiresAt} />
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
