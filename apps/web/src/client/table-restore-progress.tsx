'use client';

import Link from 'next/link';
import { Spinner } from '@rewind/ui';
import { useTableRestore } from './queries';

const STATE_WORDS = {
  cloning: 'Restoring the transient copy',
  copying: 'Copying the rows into the live instance',
  copied: 'Copied',
  failed: 'Failed',
} as const;

/** A table restore after it was accepted: the copy's state, then rows per table or the error. */
export function TableRestoreProgress({ restoreId }: { restoreId: string }) {
  const q = useTableRestore(restoreId);
  const r = q.data;
  const t = r?.tableRestore ?? null;
  const restoreEnded = r && ['failed', 'cancelled', 'rejected', 'expired'].includes(r.status);
  const done = t?.state === 'copied';
  const failed = t?.state === 'failed' || (restoreEnded && !done);
  return (
    <div className="space-y-3 text-sm" data-testid="table-restore-progress">
      <p className="flex items-center gap-2" data-testid="table-restore-state">
        {!done && !failed && <Spinner className="size-3" />}
        {t ? STATE_WORDS[t.state] : 'Starting'}
        {!done && !failed && r?.status === 'pending_approval' ? ' (waiting for approval)' : ''}
        {!done && !failed && r && t?.state === 'cloning'
          ? ` (${r.phase.replaceAll('_', ' ')})`
          : ''}
      </p>
      {failed && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          {t?.error ?? r?.error ?? r?.status}
        </p>
      )}
      {done && t.outcome && (
        <div data-testid="table-restore-outcome">
          <p className="text-zinc-700">
            {t.into === 'replace' ? (
              'The live rows were replaced:'
            ) : (
              <>
                Into schema <span className="font-mono break-all">{t.stagingSchema}</span>:
              </>
            )}
          </p>
          <ul className="mt-1 list-disc pl-5 font-mono text-xs break-all">
            {t.outcome.tables.map((x) => (
              <li key={x.name}>
                {x.name}: {x.rows.toLocaleString('en-US')} row{x.rows === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
          {t.outcome.droppedForeignKeys.length > 0 && (
            <p className="mt-2 text-xs text-zinc-600">
              Foreign keys to tables outside the copy were left out:{' '}
              <span className="font-mono break-all">{t.outcome.droppedForeignKeys.join(', ')}</span>
            </p>
          )}
        </div>
      )}
      <p>
        <Link className="text-indigo-700 underline" href={`/restores/${restoreId}`}>
          The restore’s own page
        </Link>
      </p>
    </div>
  );
}
