'use client';

import { useState } from 'react';
import { Button, Card, Spinner } from '@rewind/ui';
import type { CloneDiff } from '@/lib/api-types';
import { restoreDiffPath, useRestoreDiff } from './clone-diff-queries';
import { Instant } from './zone-context';

type TableDiff = CloneDiff['tables'][number];

const STATUS_TEXT: Record<TableDiff['status'], string> = {
  compared: '',
  no_primary_key: 'no primary key: row counts only',
  primary_key_differs: 'primary keys differ: row counts only',
  only_in_clone: 'only in the clone',
  only_in_source: 'only in the source',
};

const n = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US'));
const differs = (t: TableDiff) =>
  t.status !== 'compared' ||
  (t.onlyInClone ?? 0) + (t.onlyInSource ?? 0) + (t.changed ?? 0) > 0 ||
  t.rowCounts.clone !== t.rowCounts.source;

function keyText(key: Record<string, string | null>): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}=${v ?? 'NULL'}`)
    .join(', ');
}

/**
 * The clone against its source, table by table, before anyone acts on it: row counts, rows only
 * on one side and changed rows by primary key, a stated sample for very large tables, and the
 * same as a CSV download.
 */
export function CloneDiffCard({
  restoreId,
  instanceZone,
  compareNow = false,
}: {
  restoreId: string;
  instanceZone?: string | null;
  /** compare without waiting for a click (before a replace's cutover is confirmed) */
  compareNow?: boolean;
}) {
  const [asked, setAsked] = useState(compareNow);
  const diff = useRestoreDiff(restoreId, asked);
  return (
    <Card
      title="Compare with the source"
      testId="clone-diff"
      actions={
        diff.data ? (
          <a
            href={restoreDiffPath(restoreId, 'csv')}
            download
            className="text-xs text-indigo-700 hover:underline"
            data-testid="clone-diff-csv"
          >
            Download CSV
          </a>
        ) : null
      }
    >
      {!asked ? (
        <div className="space-y-2 text-sm text-zinc-600">
          <p>
            Every table of the clone against the live source: row counts, and by primary key the
            rows only on one side and the rows that changed.
          </p>
          <Button type="button" variant="secondary" onClick={() => setAsked(true)}>
            Compare tables
          </Button>
        </div>
      ) : diff.isPending ? (
        <p className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner className="size-3" /> Comparing every table of both…
        </p>
      ) : diff.isError ? (
        <p className="text-sm text-red-700">Could not compare: {diff.error.message}</p>
      ) : (
        <DiffTables diff={diff.data} instanceZone={instanceZone} />
      )}
    </Card>
  );
}

function DiffTables({ diff, instanceZone }: { diff: CloneDiff; instanceZone?: string | null }) {
  const changed = diff.tables.filter(differs);
  return (
    <div className="space-y-3">
      <p className="text-xs text-zinc-500">
        Compared <Instant iso={diff.comparedAt} instanceZone={instanceZone} />: {diff.tables.length}{' '}
        tables, {changed.length} differ. Tables over {diff.sampleBound.toLocaleString('en-US')} rows
        are compared on a sample; at most {diff.listBound.toLocaleString('en-US')} rows are listed
        per table.
      </p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Tables compared">
        <table className="w-full min-w-[36rem] text-left text-xs" data-testid="clone-diff-table">
          <thead className="text-zinc-500">
            <tr>
              <th className="py-1.5 pr-3 font-medium">Table</th>
              <th className="py-1.5 pr-3 text-right font-medium">Clone rows</th>
              <th className="py-1.5 pr-3 text-right font-medium">Source rows</th>
              <th className="py-1.5 pr-3 text-right font-medium">Only in clone</th>
              <th className="py-1.5 pr-3 text-right font-medium">Only in source</th>
              <th className="py-1.5 text-right font-medium">Changed</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {diff.tables.map((t) => (
              <tr
                key={`${t.database}.${t.schema}.${t.table}`}
                className={differs(t) ? 'text-zinc-900' : 'text-zinc-500'}
              >
                <td className="py-1.5 pr-3 font-mono break-all">
                  {t.database} · {t.schema}.{t.table}
                  {STATUS_TEXT[t.status] ? (
                    <span className="block font-sans text-amber-800">{STATUS_TEXT[t.status]}</span>
                  ) : null}
                  {t.sample ? (
                    <span className="block font-sans text-zinc-500">
                      sample: 1 in {t.sample.modulus} keys (≈
                      {t.sample.bound.toLocaleString('en-US')} rows per side)
                    </span>
                  ) : null}
                </td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{n(t.rowCounts.clone)}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{n(t.rowCounts.source)}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{n(t.onlyInClone)}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{n(t.onlyInSource)}</td>
                <td className="py-1.5 text-right tabular-nums">{n(t.changed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {changed
        .filter((t) => t.rows.length > 0)
        .map((t) => (
          <details key={`${t.database}.${t.schema}.${t.table}`} className="text-xs">
            <summary className="cursor-pointer font-medium text-zinc-700">
              {t.schema}.{t.table}: {t.rows.length.toLocaleString('en-US')}{' '}
              {t.rows.length === 1 ? 'row' : 'rows'}
              {t.rowsTruncated ? ' (first ones by key)' : ''}
            </summary>
            <ul className="mt-1 max-h-64 overflow-y-auto font-mono" tabIndex={0}>
              {t.rows.map((r) => (
                <li key={`${r.change}:${keyText(r.key)}`} className="py-0.5">
                  <span className="text-zinc-500">{r.change.replace(/_/g, ' ')}</span>{' '}
                  {keyText(r.key)}
                </li>
              ))}
            </ul>
          </details>
        ))}
    </div>
  );
}
