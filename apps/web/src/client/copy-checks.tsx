'use client';

import { Spinner } from '@rewind/ui';
import { useCan, useValidationQueries } from './queries';
import { EXPECTATION_LABEL, VALIDATION_QUERIES_ANCHOR } from './validation-queries-card';

/**
 * What the copy is checked with before it is handed over (or cut over): the built-in checks and
 * the tenant's own validation queries of this instance, or a way to add some.
 */
export function CopyChecks({ instanceId }: { instanceId: string }) {
  const queries = useValidationQueries(instanceId);
  const canManage = useCan('validation:manage');
  const link = (text: string) => (
    <a
      href={`#${VALIDATION_QUERIES_ANCHOR}`}
      className="font-medium text-indigo-700 underline-offset-2 hover:underline"
      data-testid="restore-add-validation"
    >
      {text}
    </a>
  );
  return (
    <div
      className="rounded-md bg-zinc-50 px-3 py-2.5 text-xs text-zinc-600 ring-1 ring-inset ring-zinc-200"
      data-testid="restore-validation"
    >
      <p className="font-medium text-zinc-800">Checked on the copy before you get it</p>
      <p className="mt-0.5">
        Recovery point, amcheck and schema dump
        {queries.data?.length ? ', then your validation queries:' : '.'}
      </p>
      {queries.isPending ? (
        <p className="mt-1 flex items-center gap-1.5 text-zinc-500">
          <Spinner className="size-3" label="Loading validation queries" /> Loading your validation
          queries…
        </p>
      ) : queries.isError ? (
        <p className="mt-1 text-red-700">
          Could not load your validation queries: {queries.error.message}
        </p>
      ) : queries.data.length === 0 ? (
        <p className="mt-1">
          None of your own yet{canManage ? '' : ' (owners and admins add them)'}.{' '}
          {canManage ? link('Add validation queries') : link('What are they?')}
        </p>
      ) : (
        <>
          <ul className="mt-1 space-y-0.5" data-testid="restore-validation-list">
            {queries.data.map((q) => (
              <li key={q.id} className="flex min-w-0 gap-1.5">
                <span aria-hidden className="text-zinc-400">
                  •
                </span>
                <span className="min-w-0 break-words">
                  <span className="font-medium text-zinc-800">{q.name}</span>{' '}
                  <span className="text-zinc-500">({EXPECTATION_LABEL[q.expectation]})</span>
                </span>
              </li>
            ))}
          </ul>
          {canManage ? <p className="mt-1">{link('Manage validation queries')}</p> : null}
        </>
      )}
    </div>
  );
}

/** The same, as one sentence in the confirmation. */
export function CopyChecksSentence({ instanceId }: { instanceId: string }) {
  const queries = useValidationQueries(instanceId);
  const n = queries.data?.length ?? 0;
  return (
    <p className="text-zinc-600" data-testid="restore-confirm-checks">
      Before it is handed over the copy is checked: recovery point, amcheck, schema dump
      {n > 0 ? `, and your ${n} validation ${n === 1 ? 'query' : 'queries'}` : ''}. If any check
      fails, the restore fails and nothing of the copy is kept.
    </p>
  );
}
