'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Button, Card, Spinner } from '@rewind/ui';
import type { ConsoleQueryView, RestoreView, TimeTravelView } from '@/lib/api-types';
import { api, ApiError } from './api';
import { TableRestoreForm } from './table-restore-form';
import type { ConsoleTarget } from './time-travel-href';
import { Instant } from './zone-context';

const FIRST_QUERY =
  "select table_schema, table_name from information_schema.tables\nwhere table_schema not in ('pg_catalog', 'information_schema')\norder by 1, 2";

type Side =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: ConsoleQueryView }
  | { state: 'error'; message: string };

/**
 * The read-only console on the past: opens (or finds again) the short-lived clone at `at`, then
 * runs one query on it and the same query on the live instance, side by side. Every query is
 * read-only, bounded and audited by the API (`POST /instances/{id}/query`).
 */
export function TimeTravelConsole({
  instanceId,
  at,
}: {
  instanceId: string;
  at: ConsoleTarget | null;
}) {
  const [opened, setOpened] = useState<TimeTravelView | null>(null);
  const [restore, setRestore] = useState<RestoreView | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [sql, setSql] = useState(FIRST_QUERY);
  const [past, setPast] = useState<Side>({ state: 'idle' });
  const [live, setLive] = useState<Side>({ state: 'idle' });

  const targetKey = at ? JSON.stringify(at.target) : null;
  useEffect(() => {
    if (!targetKey) return;
    let stale = false;
    api<TimeTravelView>(`/api/v1/instances/${instanceId}/time-travel`, {
      method: 'POST',
      body: { target: JSON.parse(targetKey) as unknown },
    }).then(
      (v) => !stale && setOpened(v),
      (err: unknown) => !stale && setOpenError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      stale = true;
    };
  }, [instanceId, targetKey]);

  // until the clone is handed over: its restore's progress, every 3 s
  const cloneId = restore?.status === 'succeeded' ? (restore.result?.instanceId ?? null) : null;
  useEffect(() => {
    if (!opened || cloneId) return;
    let stale = false;
    const poll = () =>
      api<RestoreView>(`/api/v1/restores/${opened.restoreId}`).then(
        (r) => !stale && setRestore(r),
        () => undefined,
      );
    void poll();
    const timer = setInterval(() => void poll(), 3000);
    return () => {
      stale = true;
      clearInterval(timer);
    };
  }, [opened, cloneId]);

  const run = () => {
    if (!cloneId) return;
    const one = (id: string, set: (s: Side) => void) => {
      set({ state: 'running' });
      api<ConsoleQueryView>(`/api/v1/instances/${id}/query`, {
        method: 'POST',
        body: { sql },
      }).then(
        (result) => set({ state: 'done', result }),
        (err: unknown) =>
          set({ state: 'error', message: err instanceof ApiError ? err.message : String(err) }),
      );
    };
    one(cloneId, setPast);
    one(instanceId, setLive);
  };

  if (!at)
    return (
      <div className="space-y-6" data-testid="time-travel">
        <h1 className="text-2xl font-semibold">Time travel</h1>
        <Card title="Pick a second first">
          <p className="text-sm text-zinc-700">
            Pick a second on the{' '}
            <Link className="text-indigo-700 underline" href={`/instances/${instanceId}`}>
              instance page
            </Link>{' '}
            and choose “Look at this second”.
          </p>
        </Card>
      </div>
    );

  const failed = restore && ['failed', 'cancelled', 'rejected', 'expired'].includes(restore.status);
  return (
    <div className="space-y-6" data-testid="time-travel">
      <div>
        <h1 className="text-2xl font-semibold">Time travel</h1>
        <p className="mt-1 text-sm text-zinc-700">
          Read-only,{' '}
          {at.kind === 'time' ? (
            <>
              as of <Instant iso={at.at} testId="time-travel-at" />
            </>
          ) : (
            <span data-testid="time-travel-before-xid">
              just before transaction {at.target.xid}
              {at.eventAt ? (
                <>
                  {' '}
                  (committed <Instant iso={at.eventAt} testId="time-travel-at" />)
                </>
              ) : null}
            </span>
          )}
          . Queries run as your role in a read-only transaction, at most 200 rows and 10 s each, and
          are recorded in the audit trail.
        </p>
        <p className="mt-1 text-sm">
          <Link className="text-indigo-700 underline" href={`/instances/${instanceId}`}>
            Back to the instance
          </Link>
        </p>
      </div>

      {openError && (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="time-travel-error"
        >
          {openError}
        </p>
      )}
      {opened && !cloneId && !failed && (
        <p
          className="flex items-center gap-2 text-sm text-zinc-700"
          data-testid="time-travel-waiting"
        >
          <Spinner />{' '}
          {opened.reused
            ? 'Opening the copy at that second again'
            : 'Restoring a short-lived copy at that second'}
          {restore ? ` (${restore.phase.replaceAll('_', ' ')})` : ''}…
        </p>
      )}
      {failed && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The copy could not be made: {restore.error ?? restore.status}
        </p>
      )}

      <Card title="Query">
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
          SQL (one read-only query)
          <textarea
            value={sql}
            onChange={(e) => setSql(e.target.value)}
            rows={4}
            spellCheck={false}
            data-testid="time-travel-sql"
            className="rounded-md border border-zinc-300 bg-white p-2 font-mono text-sm text-zinc-900 focus:border-indigo-600 focus:outline-none"
          />
        </label>
        <Button
          className="mt-3 bg-indigo-600 hover:bg-indigo-700 disabled:bg-zinc-300"
          disabled={!cloneId}
          onClick={run}
          data-testid="time-travel-run"
        >
          Run on the past and on live
        </Button>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <ResultCard title="As of that second" side={past} testId="time-travel-past" />
        <ResultCard title="Live now" side={live} testId="time-travel-live" />
      </div>

      {opened && (
        <TableRestoreForm instanceId={instanceId} target={opened.target} cloneId={cloneId} />
      )}
    </div>
  );
}

function ResultCard({ title, side, testId }: { title: string; side: Side; testId: string }) {
  return (
    <Card title={title} testId={testId}>
      {side.state === 'idle' && <p className="text-sm text-zinc-600">Not run yet.</p>}
      {side.state === 'running' && <Spinner />}
      {side.state === 'error' && (
        <p role="alert" className="text-sm text-red-800" data-testid={`${testId}-error`}>
          {side.message}
        </p>
      )}
      {side.state === 'done' && (
        <div
          className="overflow-x-auto"
          tabIndex={0}
          role="region"
          aria-label={`${title}: results`}
        >
          <table className="min-w-full text-left text-sm" data-testid={`${testId}-table`}>
            <thead>
              <tr>
                {side.result.columns.map((c, i) => (
                  <th
                    key={i}
                    scope="col"
                    className="border-b border-zinc-200 px-2 py-1 font-medium text-zinc-700"
                  >
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {side.result.rows.map((r, i) => (
                <tr key={i} className="odd:bg-zinc-50">
                  {r.map((v, j) => (
                    <td key={j} className="px-2 py-1 font-mono text-xs text-zinc-900">
                      {v ?? <span className="text-zinc-600">null</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-zinc-600" data-testid={`${testId}-count`}>
            {side.result.rows.length} row{side.result.rows.length === 1 ? '' : 's'}
            {side.result.more ? ' (more not shown)' : ''}
          </p>
        </div>
      )}
    </Card>
  );
}
