'use client';

import Link from 'next/link';
import { StatusBadge } from '@rewind/ui';
import type { RestoreListItem, RestoreTarget } from '@/lib/api-types';
import { formatShort } from './time';

export function describeTarget(t: RestoreTarget): string {
  if ('time' in t) return t.time.replace(/\.000000Z$|\.0+Z$/, 'Z');
  if ('lsn' in t) return `LSN ${t.lsn}`;
  if ('xid' in t) return `xid ${t.xid}`;
  if ('name' in t) return `restore point ${t.name}`;
  return 'latest';
}

export function RestoresTable({ rows, showInstance = true }: { rows: RestoreListItem[]; showInstance?: boolean }) {
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[36rem] text-sm" data-testid="restores-table">
        <thead className="text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
          <tr className="border-b border-zinc-100">
            <th className="px-5 py-2">Requested</th>
            {showInstance ? <th className="px-3 py-2">Instance</th> : null}
            <th className="px-3 py-2">Target (UTC)</th>
            <th className="px-3 py-2">Mode</th>
            <th className="px-3 py-2">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-zinc-50">
              <td className="px-5 py-2.5">
                <Link href={`/restores/${r.id}`} className="text-indigo-700 hover:underline">
                  {formatShort(r.createdAt)}
                </Link>
              </td>
              {showInstance ? (
                <td className="px-3 py-2.5">
                  <Link href={`/instances/${r.instanceId}`} className="font-mono text-[13px] hover:underline">
                    {r.instanceName}
                  </Link>
                </td>
              ) : null}
              <td className="px-3 py-2.5 font-mono text-[13px]">{describeTarget(r.target)}</td>
              <td className="px-3 py-2.5 text-zinc-600">{r.mode}</td>
              <td className="px-3 py-2.5">
                <StatusBadge status={r.status} />
                {r.status === 'running' ? <span className="ml-1.5 text-xs text-zinc-500">{r.phase.replace(/_/g, ' ')}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
