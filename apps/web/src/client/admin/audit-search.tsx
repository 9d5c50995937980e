'use client';

import { Button } from '@rewind/ui';
import { useState, type FormEvent } from 'react';
import { PageTitle } from './admin-shell';
import { useAuditSearch, useTenants } from './admin-queries';
import { formatUtc } from './format';
import { QueryStates } from './query-states';

interface Filters {
  tenant: string;
  action: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { tenant: '', action: '', from: '', to: '' };

function toQuery(f: Filters, cursor: string | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v.trim()) q.set(k, v.trim());
  q.set('limit', '100');
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

/**
 * Search runs on submit, not per keystroke: times are typed whole (RFC 3339 with an offset,
 * exactly what the API takes) and a half-typed one would only flash validation errors.
 */
export function AuditSearch() {
  const tenants = useTenants();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1) ?? null;
  const page = useAuditSearch(toQuery(applied, cursor));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
    setCursors([]);
  };
  const field = (key: keyof Filters) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });
  const input = 'h-9 rounded-md border border-zinc-300 bg-white px-2.5 text-sm';

  return (
    <>
      <PageTitle
        title="Audit"
        description="Every tenant's trail and the platform's own, newest first."
      />
      <form
        onSubmit={submit}
        role="search"
        aria-label="Search audit events"
        className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1.3fr_1.3fr_auto] lg:items-end"
      >
        <label className="grid gap-1 text-sm">
          <span className="text-zinc-600">Tenant</span>
          <select {...field('tenant')} className={input} data-testid="audit-tenant">
            <option value="">All chains</option>
            <option value="platform">Platform (no tenant)</option>
            {(tenants.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          <span className="text-zinc-600">Action</span>
          <input
            {...field('action')}
            placeholder="restore.approved"
            className={`${input} font-mono`}
            data-testid="audit-action"
          />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="text-zinc-600">From</span>
          <input
            {...field('from')}
            placeholder="2026-01-01T00:00:00Z"
            className={`${input} font-mono`}
            aria-describedby="audit-time-hint"
          />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="text-zinc-600">To</span>
          <input
            {...field('to')}
            placeholder="2026-01-02T00:00:00+02:00"
            className={`${input} font-mono`}
            aria-describedby="audit-time-hint"
          />
        </label>
        <div className="flex gap-2">
          <Button type="submit">Search</Button>
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
              setCursors([]);
            }}
          >
            Clear
          </Button>
        </div>
        <p id="audit-time-hint" className="text-xs text-zinc-500 sm:col-span-2 lg:col-span-5">
          Times are RFC 3339 with an offset (Z or ±hh:mm). Results show UTC.
        </p>
      </form>
      <QueryStates
        query={page}
        what="audit events"
        isEmpty={(p) => p.events.length === 0}
        empty={{ title: 'No events match', description: 'Widen the time range or clear a filter.' }}
      >
        {(p) => (
          <>
            <ol
              className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white"
              data-testid="audit-results"
            >
              {p.events.map((e) => (
                <li key={e.id} className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[11rem_1fr]">
                  <time dateTime={e.at} className="font-mono text-xs text-zinc-500">
                    {formatUtc(e.at)}
                  </time>
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-x-2">
                      <span className="font-mono text-[13px] font-medium">{e.action}</span>
                      <span className="rounded bg-zinc-100 px-1.5 text-xs text-zinc-600">
                        {e.tenant ? (e.tenant.slug ?? e.tenant.id) : 'platform'}
                      </span>
                      <span className="text-xs text-zinc-500">#{e.seq}</span>
                    </p>
                    <p className="text-xs text-zinc-600">
                      {e.actor.email ?? e.actor.type}
                      {e.target ? ` → ${e.target.type} ${e.target.id}` : ''}
                    </p>
                    {Object.keys(e.data).length > 0 ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs text-zinc-500">data</summary>
                        <pre className="mt-1 overflow-x-auto rounded bg-zinc-50 p-2 text-xs">
                          {JSON.stringify(e.data, null, 2)}
                        </pre>
                      </details>
                    ) : null}
                  </div>
                </li>
              ))}
            </ol>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                disabled={cursors.length === 0}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                Newer
              </Button>
              <Button
                variant="secondary"
                disabled={!p.nextCursor}
                onClick={() => p.nextCursor && setCursors([...cursors, p.nextCursor])}
              >
                Older
              </Button>
            </div>
          </>
        )}
      </QueryStates>
    </>
  );
}
