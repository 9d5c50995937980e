'use client';

import { useState, type FormEvent } from 'react';
import { Button, Card, EmptyState, ErrorState, Spinner } from '@rewind/ui';
import { useAudit, useAuditVerify, useInstances } from './queries';
import { fromFields, isoUtc } from './time';
import { Instant } from './zone-context';

interface Filters {
  instanceId: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { instanceId: '', action: '', from: '', to: '' };

/** datetime-local (UTC, as labelled) → RFC 3339 for the API. */
function toIso(local: string): string {
  if (!local) return '';
  const [d, t] = local.split('T');
  const ms = d && t ? fromFields(d, t.length === 5 ? `${t}:00` : t, 'UTC') : null;
  return ms === null ? '' : isoUtc(ms);
}

export function AuditView() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const query = {
    instanceId: applied.instanceId,
    action: applied.action,
    from: toIso(applied.from),
    to: toIso(applied.to),
  };
  const audit = useAudit(query);
  const verify = useAuditVerify();
  const instances = useInstances();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
  };

  return (
    <section className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Audit log</h1>
          <p className="mt-1 text-sm text-zinc-500">
            Append-only and hash-chained: who did what, when. Times in the zone you chose, with UTC;
            the search fields are in UTC.
          </p>
        </div>
        <div data-testid="audit-verify" className="text-sm">
          {verify.isPending ? (
            <span className="flex items-center gap-2 text-zinc-500">
              <Spinner className="size-3.5" /> Verifying chain…
            </span>
          ) : verify.isError ? (
            <span className="text-red-700">Could not verify: {verify.error.message}</span>
          ) : verify.data.ok ? (
            <span className="inline-flex items-center gap-2 rounded-full bg-emerald-50 px-3 py-1 font-medium text-emerald-800 ring-1 ring-inset ring-emerald-600/20">
              ✓ Chain verified · {verify.data.checked} events
            </span>
          ) : (
            <span
              role="alert"
              className="inline-flex flex-col rounded-md bg-red-50 px-3 py-1.5 text-red-800 ring-1 ring-inset ring-red-200"
            >
              <span className="font-medium">
                Chain broken at event #{verify.data.firstBroken.seq}
              </span>
              <span className="text-xs">{verify.data.firstBroken.reason}</span>
            </span>
          )}
        </div>
      </div>

      <form
        onSubmit={submit}
        className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
        aria-label="Filter audit events"
      >
        <Field label="Instance">
          <select
            value={draft.instanceId}
            onChange={(e) => setDraft({ ...draft, instanceId: e.target.value })}
            className={INPUT}
          >
            <option value="">All</option>
            {instances.data?.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Action">
          <input
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value.trim() })}
            placeholder="restore.requested"
            className={INPUT}
          />
        </Field>
        <Field label="From (UTC)">
          <input
            type="datetime-local"
            step={1}
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            className={INPUT}
          />
        </Field>
        <Field label="To (UTC)">
          <input
            type="datetime-local"
            step={1}
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            className={INPUT}
          />
        </Field>
        <div className="flex items-end gap-2">
          <Button type="submit">Apply</Button>
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
            }}
          >
            Clear
          </Button>
        </div>
      </form>

      <Card>
        {audit.isPending ? (
          <p className="flex items-center gap-2 py-6 text-sm text-zinc-500">
            <Spinner /> Loading events…
          </p>
        ) : audit.isError ? (
          <ErrorState title="Could not load the audit log" message={audit.error.message} />
        ) : audit.data.events.length === 0 ? (
          <EmptyState title="No events" description="Nothing matches these filters." />
        ) : (
          <div className="-mx-5 overflow-x-auto">
            <table className="w-full min-w-[40rem] text-sm" data-testid="audit-table">
              <thead className="text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
                <tr className="border-b border-zinc-100">
                  <th className="px-5 py-2">#</th>
                  <th className="px-3 py-2">When</th>
                  <th className="px-3 py-2">Actor</th>
                  <th className="px-3 py-2">Action</th>
                  <th className="px-3 py-2">Target</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {audit.data.events.map((e) => (
                  <tr key={e.id} className="align-top">
                    <td className="px-5 py-2 font-mono text-xs text-zinc-500">{e.seq}</td>
                    <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">
                      <Instant iso={e.at} />
                    </td>
                    <td className="px-3 py-2 text-xs">{e.actor.email ?? e.actor.type}</td>
                    <td className="px-3 py-2">
                      <span className="font-mono text-xs">{e.action}</span>
                      {Object.keys(e.data).length ? (
                        <details className="mt-1 text-xs text-zinc-500">
                          <summary className="cursor-pointer">data</summary>
                          <pre className="mt-1 max-w-md overflow-x-auto rounded bg-zinc-50 p-2">
                            {JSON.stringify(e.data, null, 2)}
                          </pre>
                        </details>
                      ) : null}
                    </td>
                    <td className="px-3 py-2 text-xs text-zinc-600">
                      {e.target ? (
                        <>
                          {e.target.type}{' '}
                          <span className="font-mono">{e.target.id.slice(0, 8)}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </section>
  );
}

const INPUT =
  'h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:border-indigo-600 focus:outline-none';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-zinc-600">
      {label}
      {children}
    </label>
  );
}
