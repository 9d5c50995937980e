'use client';

import { EmptyState } from '@rewind/ui';
import {
  AUDIT_INPUT,
  AuditActionAndTimeFields,
  AuditPager,
  AuditTarget,
  fieldErrorOf,
  utcFieldToIso,
} from '../audit-filters';
import { AuditFormButtons, useAuditSearchState } from '../audit-search-state';
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
  if (f.tenant) q.set('tenant', f.tenant);
  if (f.action) q.set('action', f.action);
  // the pickers are UTC wall clock, as labelled; the API takes RFC 3339
  const from = f.from ? utcFieldToIso(f.from) : null;
  const to = f.to ? utcFieldToIso(f.to) : null;
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  q.set('limit', '100');
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

/** Admins only see the console: a restore target links to its row in Restores & drills. */
function adminHref(t: { type: string; id: string }): string | null {
  return t.type === 'restore' ? `/admin/restores#restore-${t.id}` : null;
}

/**
 * Search runs on submit, not per keystroke. The date pickers are the tenant audit log's (UTC);
 * a time the form can judge is a field error before any request, and a time the API refuses
 * is shown under its field too, never as "Could not load".
 */
export function AuditSearch() {
  const tenants = useTenants();
  const { draft, setDraft, applied, cursors, setCursors, cursor, shownErrors, submit, clear } =
    useAuditSearchState(EMPTY);
  const page = useAuditSearch(toQuery(applied, cursor));
  const refused = page.isError ? fieldErrorOf(page.error) : null;

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
        className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1.3fr_1.3fr_auto] lg:items-start"
      >
        <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-zinc-600">
          Tenant
          <select
            value={draft.tenant}
            onChange={(e) => setDraft({ ...draft, tenant: e.target.value })}
            className={AUDIT_INPUT}
            data-testid="audit-tenant"
          >
            <option value="">All chains</option>
            <option value="platform">Platform (no tenant)</option>
            {(tenants.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <AuditActionAndTimeFields
          draft={draft}
          errors={shownErrors(page.error)}
          onChange={setDraft}
        />
        <AuditFormButtons submitLabel="Search" onClear={clear} className="flex gap-2 lg:pt-5" />
      </form>
      {refused ? (
        <EmptyState title="No events" description="Fix the marked filter and search again." />
      ) : (
        <QueryStates
          query={page}
          what="audit events"
          isEmpty={(p) => p.events.length === 0}
          empty={{
            title: 'No events match',
            description: 'Widen the time range or clear a filter.',
          }}
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
                        {e.target ? (
                          <>
                            {' → '}
                            <AuditTarget target={e.target} hrefFor={adminHref} />
                          </>
                        ) : null}
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
              <AuditPager cursors={cursors} nextCursor={p.nextCursor} onChange={setCursors} />
            </>
          )}
        </QueryStates>
      )}
    </>
  );
}
