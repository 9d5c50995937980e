'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button, EmptyState, ErrorState, Spinner, StatusBadge } from '@rewind/ui';
import type { InstanceDetail } from '@/lib/api-types';
import { ApiError } from './api';
import { formatTime } from './instances-panel';
import { useInstance } from './queries';

export function InstanceDetailView({ id }: { id: string }) {
  const instance = useInstance(id);

  return (
    <div className="space-y-6">
      <Link href="/" className="text-sm text-zinc-500 hover:text-zinc-900">
        ← Instances
      </Link>
      {instance.isPending ? (
        <div className="flex items-center gap-2 py-10 text-sm text-zinc-500">
          <Spinner /> Loading instance…
        </div>
      ) : instance.isError ? (
        instance.error instanceof ApiError && instance.error.status === 404 ? (
          <EmptyState title="Instance not found" description="It does not exist in this tenant, or it was deleted." />
        ) : (
          <ErrorState title="Could not load the instance" message={instance.error.message} />
        )
      ) : (
        <Detail instance={instance.data} />
      )}
    </div>
  );
}

function Detail({ instance }: { instance: InstanceDetail }) {
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-xl font-semibold tracking-tight" data-testid="instance-name">
          {instance.name}
        </h1>
        <StatusBadge status={instance.status} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Connection">
          <ConnectionFields instance={instance} />
        </Card>
        <Card title="Restorable window">
          {instance.window.regions.length === 0 ? (
            <p className="text-sm text-zinc-500">No backups yet. The window opens once the first backup completes.</p>
          ) : (
            <ul className="space-y-3 text-sm">
              {instance.window.regions.map((r) => (
                <li key={r.region}>
                  <p className="font-medium">{r.region}</p>
                  <p className="text-zinc-500">
                    {formatTime(r.earliest)} → {formatTime(r.latest)}
                    {r.gaps.length ? ` · ${r.gaps.length} gap${r.gaps.length > 1 ? 's' : ''}` : ''}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <p className="text-xs text-zinc-500">
        Created <time dateTime={instance.createdAt}>{formatTime(instance.createdAt)}</time> · PostgreSQL {instance.pgVersion} ·{' '}
        <span className="font-mono">{instance.id}</span>
      </p>
    </>
  );
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 className="mb-3 text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function ConnectionFields({ instance }: { instance: InstanceDetail }) {
  const [reveal, setReveal] = useState(false);
  const c = instance.connection;
  const rows: Array<[string, string]> = [
    ['Host', c.host],
    ['Port', c.port === null ? 'assigned when running' : String(c.port)],
    ['Database', c.database],
    ['User', c.user],
  ];
  return (
    <dl className="grid grid-cols-[6rem_1fr] gap-y-2 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-500">{k}</dt>
          <dd className="truncate font-mono text-[13px]">{v}</dd>
        </div>
      ))}
      <dt className="text-zinc-500">Password</dt>
      <dd className="flex min-w-0 items-center gap-2">
        <span className="truncate font-mono text-[13px]">{reveal ? c.password : '••••••••••••'}</span>
        <Button variant="ghost" className="h-7 px-2 text-xs" onClick={() => setReveal((r) => !r)}>
          {reveal ? 'Hide' : 'Show'}
        </Button>
      </dd>
    </dl>
  );
}
