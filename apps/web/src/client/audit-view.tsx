'use client';

import { Card, EmptyState, ErrorState, Spinner } from '@rewind/ui';
import { useAudit, useAuditVerify, useInstances } from './queries';
import {
  AUDIT_INPUT,
  AuditActionAndTimeFields,
  AuditPager,
  AuditTarget,
  fieldErrorOf,
  utcFieldToIso,
} from './audit-filters';
import { AuditFormButtons, useAuditSearchState } from './audit-search-state';
import { Instant } from './zone-context';

interface Filters {
  instanceId: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { instanceId: '', action: '', from: '', to: '' };

/** Tenant pages exist for instances and restores; other targets stay text. */
function tenantHref(t: { type: string; id: string }): string | null {
  if (t.type === 'instance') return `/instances/${t.id}`;
  if (t.type === 'restore') return `/restores/${t.id}`;
  return null;
}

export function AuditView() {
  const { draft, setDraft, applied, cursors, setCursors, cursor, shownErrors, submit, clear } =
    useAuditSearchState(EMPTY);
  const query = {
    instanceId: applied.instanceId,
    action: applied.action,
    from: applied.from ? (utcFieldToIso(applied.from) ?? '') : '',
    to: applied.to ? (utcFieldToIso(applied.to) ?? '') : '',
    cursor: cursor ?? '',
  };
  const audit = useAudit(query);
  const refused = audit.isError ? fieldErrorOf(audit.error) : null;
  const verify = useAuditVerify();
  const instances = useInstances();

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
            className={AUDIT_INPUT}
          >
            <option value="">All</option>
            {instances.data?.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </Field>
        <AuditActionAndTimeFields
          draft={draft}
          errors={shownErrors(audit.error)}
          onChange={setDraft}
        />
        <AuditFormButtons submitLabel="Apply" onClear={clear} className="flex items-end gap-2" />
      </form>

      <Card>
        {audit.isPending ? (
          <p className="flex items-center gap-2 py-6 text-sm text-zinc-500">
            <Spinner /> Loading events…
          </p>
        ) : audit.isError ? (
          refused ? (
            <EmptyState title="No events" description="Fix the marked filter and apply again." />
          ) : (
            <ErrorState title="Could not load the audit log" message={audit.error.message} />
          )
        ) : audit.data.events.length === 0 ? (
          <EmptyState title="No events" description="Nothing matches these filters." />
        ) : (
          <div className="scroll-x -mx-5">
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
                      <AuditTarget target={e.target} hrefFor={tenantHref} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {audit.data ? (
          <div className="mt-4">
            <AuditPager
              cursors={cursors}
              nextCursor={audit.data.nextCursor}
              onChange={setCursors}
            />
          </div>
        ) : null}
      </Card>
    </section>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-zinc-600">
      {label}
      {children}
    </label>
  );
}
