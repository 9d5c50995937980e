'use client';

import { useEffect, useState } from 'react';
import { api } from './api';
import { Instant } from './zone-context';

export interface AlertListItem {
  id: string;
  kind: string;
  status: 'open' | 'resolved';
  summary: string;
  detail: { region?: string; segment?: string; failingCheck?: string };
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  tenant?: { name: string } | null;
  instance?: { name: string } | null;
}

/**
 * Alerts from one of the API's lists (the tenant's /api/v1/alerts or the admin's
 * /api/v1/admin/alerts), open first; times in the browser's zone.
 */
export function AlertList({ url, showTenant }: { url: string; showTenant?: boolean }) {
  const [alerts, setAlerts] = useState<AlertListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ alerts: AlertListItem[] }>(url)
      .then((body) => {
        setAlerts(
          [...body.alerts].sort((a, b) =>
            a.status === b.status ? 0 : a.status === 'open' ? -1 : 1,
          ),
        );
      })
      .catch((err: unknown) => setError(`while loading alerts: ${(err as Error).message}`));
  }, [url]);
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error}
      </p>
    );
  if (!alerts) return <p className="text-sm text-zinc-500">Loading alerts…</p>;
  if (alerts.length === 0) return <p className="text-sm text-zinc-500">No alerts.</p>;
  return (
    <ul className="grid gap-2" aria-label="Alerts">
      {alerts.map((a) => (
        <li
          key={a.id}
          data-alert-kind={a.kind}
          data-alert-status={a.status}
          className="rounded-md border border-zinc-200 bg-white p-3 text-sm"
        >
          <div className="flex flex-wrap items-center gap-2">
            <span
              className={`rounded px-2 py-0.5 text-xs font-medium ${
                a.status === 'open' ? 'bg-red-100 text-red-800' : 'bg-zinc-100 text-zinc-600'
              }`}
            >
              {a.status}
            </span>
            <span className="font-mono text-xs text-zinc-500">{a.kind}</span>
            {showTenant && (
              <span className="text-xs text-zinc-600">
                {a.tenant ? a.tenant.name : 'fleet'}
                {a.instance ? ` / ${a.instance.name}` : ''}
              </span>
            )}
          </div>
          <p className="mt-1 break-words text-zinc-900">{a.summary}</p>
          <p className="mt-1 text-xs text-zinc-500">
            {a.detail.region ? `${a.detail.region} · ` : ''}
            {a.detail.segment ? `segment ${a.detail.segment} · ` : ''}
            first seen <Instant iso={a.firstSeenAt} /> · last seen <Instant iso={a.lastSeenAt} />
            {a.resolvedAt ? (
              <>
                {' '}
                · resolved <Instant iso={a.resolvedAt} />
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
