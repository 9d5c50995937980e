'use client';

import { useId, useState, type FormEvent } from 'react';
import { VALIDATION_QUERY_LIMITS } from '@rewind/core/client';
import { Button, Card, Dialog, ErrorState, Spinner } from '@rewind/ui';
import type {
  InstanceDetailFull,
  ValidationExpectation,
  ValidationQueryView,
} from '@/lib/api-types';
import { useCan, useValidationQueries, useValidationQueryMutations } from './queries';

/** The element the restore panel links to ("add some"). */
export const VALIDATION_QUERIES_ANCHOR = 'validation-queries';

/** Short, for lists; the option texts below say the same at length. */
export const EXPECTATION_LABEL: Record<ValidationExpectation, string> = {
  positive_count: 'count above 0',
  non_empty: 'at least one row',
  zero_rows: 'no rows',
};

const EXPECTATION_OPTION: Record<ValidationExpectation, string> = {
  positive_count: 'First value above 0 (a count)',
  non_empty: 'Returns at least one row',
  zero_rows: 'Returns no rows',
};

const INPUT =
  'w-full rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:border-indigo-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600/30';

/**
 * The tenant's own checks on every restored copy of this instance (clone, replace, drill): listed
 * for everyone, added and deleted by owners and admins (`validation:manage`). The API decides what
 * SQL is acceptable and says why not; the form shows its words.
 */
export function ValidationQueriesCard({ instance }: { instance: InstanceDetailFull }) {
  const canManage = useCan('validation:manage');
  const queries = useValidationQueries(instance.id);
  const { remove } = useValidationQueryMutations(instance.id);
  const [deleting, setDeleting] = useState<ValidationQueryView | null>(null);
  const count = queries.data?.length ?? 0;
  const full = count >= VALIDATION_QUERY_LIMITS.perInstance;

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  return (
    <div id={VALIDATION_QUERIES_ANCHOR} className="scroll-mt-6">
      <Card
        title="Validation queries"
        actions={
          queries.data ? (
            <span className="text-xs text-zinc-500" data-testid="validation-count">
              {count} of {VALIDATION_QUERY_LIMITS.perInstance}
            </span>
          ) : null
        }
        testId="validation-queries-card"
      >
        <p className="text-sm text-zinc-600">
          Your own SQL, run as the instance&apos;s role against every restored copy (clones,
          replaces and drills) before it is handed over. A query that does not meet its expectation
          fails the restore. Queries only read: the copy stays exactly as restored.
        </p>

        <div className="mt-4" aria-live="polite" aria-busy={queries.isPending}>
          {queries.isPending ? (
            <p
              className="flex items-center gap-2 text-sm text-zinc-500"
              data-testid="validation-loading"
            >
              <Spinner className="size-3.5" /> Loading validation queries…
            </p>
          ) : queries.isError ? (
            <ErrorState
              title="Could not load validation queries"
              message={queries.error.message}
              action={
                <Button
                  variant="secondary"
                  className="h-8 text-xs"
                  onClick={() => void queries.refetch()}
                >
                  Try again
                </Button>
              }
            />
          ) : queries.data.length === 0 ? (
            <p
              className="rounded-md border border-dashed border-zinc-300 px-3 py-3 text-sm text-zinc-500"
              data-testid="validation-empty"
            >
              No validation queries yet. Restores always check the recovery point, table and index
              integrity (amcheck) and the schema;
              {canManage ? ' add a query like ' : ' an owner or admin can add a query like '}
              <code className="font-mono text-[13px] text-zinc-700">
                select count(*) from orders
              </code>{' '}
              to check your data too.
            </p>
          ) : (
            <ul className="divide-y divide-zinc-100" data-testid="validation-list">
              {queries.data.map((q) => (
                <li
                  key={q.id}
                  className="py-3 first:pt-0 last:pb-0"
                  data-testid="validation-query"
                  data-name={q.name}
                >
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <span className="min-w-0 break-words text-sm font-medium text-zinc-900">
                      {q.name}
                    </span>
                    <span
                      className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600"
                      data-testid="validation-expectation"
                    >
                      expects {EXPECTATION_LABEL[q.expectation]}
                    </span>
                    {canManage ? (
                      <Button
                        variant="ghost"
                        className="ml-auto h-7 px-2 text-xs text-red-700"
                        onClick={() => setDeleting(q)}
                        aria-label={`Delete validation query ${q.name}`}
                        data-testid="validation-delete"
                      >
                        Delete
                      </Button>
                    ) : null}
                  </div>
                  <pre className="mt-1.5 max-h-40 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-50 px-2 py-1.5 font-mono text-xs text-zinc-800 ring-1 ring-inset ring-zinc-200">
                    {q.sql}
                  </pre>
                </li>
              ))}
            </ul>
          )}
        </div>

        {canManage && queries.data ? (
          full ? (
            <p className="mt-4 text-xs text-zinc-500" data-testid="validation-full">
              This instance has the most validation queries it can have (
              {VALIDATION_QUERY_LIMITS.perInstance}); delete one to add another.
            </p>
          ) : (
            <AddQueryForm instanceId={instance.id} />
          )
        ) : null}
      </Card>

      <Dialog
        open={deleting !== null}
        onClose={closeDelete}
        title={`Delete “${deleting?.name ?? ''}”?`}
        testId="validation-delete-dialog"
        footer={
          <>
            <Button variant="secondary" onClick={closeDelete}>
              Keep it
            </Button>
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() =>
                deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
              }
              data-testid="validation-delete-confirm"
            >
              {remove.isPending ? (
                <Spinner className="size-3.5 border-red-300 border-t-white" label="Deleting" />
              ) : null}
              Delete query
            </Button>
          </>
        }
      >
        <p>
          Restores of <span className="font-mono">{instance.name}</span> that have not reached their
          integrity checks yet will no longer run it. Past restores keep its result in their report.
        </p>
        {deleting ? (
          <pre className="max-h-32 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-50 px-2 py-1.5 font-mono text-xs ring-1 ring-inset ring-zinc-200">
            {deleting.sql}
          </pre>
        ) : null}
        {remove.isError ? (
          <p role="alert" className="text-red-700" data-testid="validation-delete-error">
            {remove.error.message}
          </p>
        ) : null}
      </Dialog>
    </div>
  );
}

function AddQueryForm({ instanceId }: { instanceId: string }) {
  const { create } = useValidationQueryMutations(instanceId);
  const [name, setName] = useState('');
  const [sql, setSql] = useState('');
  const [expectation, setExpectation] = useState<ValidationExpectation>('positive_count');
  const ids = { name: useId(), sql: useId(), expectation: useId(), error: useId() };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    create.mutate(
      { name, sql, expectation },
      {
        onSuccess: () => {
          setName('');
          setSql('');
          setExpectation('positive_count');
        },
      },
    );
  };

  return (
    <form
      onSubmit={submit}
      className="mt-5 space-y-3 border-t border-zinc-100 pt-4"
      aria-label="Add a validation query"
      data-testid="validation-form"
    >
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,16rem)]">
        <label htmlFor={ids.name} className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
          Name
          <input
            id={ids.name}
            required
            maxLength={VALIDATION_QUERY_LIMITS.nameMax}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="orders exist"
            autoComplete="off"
            aria-describedby={create.isError ? ids.error : undefined}
            className={`${INPUT} h-9`}
            data-testid="validation-name"
          />
        </label>
        <label
          htmlFor={ids.expectation}
          className="flex flex-col gap-1 text-xs font-medium text-zinc-600"
        >
          Passes when it
          <select
            id={ids.expectation}
            value={expectation}
            onChange={(e) => setExpectation(e.target.value as ValidationExpectation)}
            className={`${INPUT} h-9`}
            data-testid="validation-expectation-select"
          >
            {(Object.keys(EXPECTATION_OPTION) as ValidationExpectation[]).map((k) => (
              <option key={k} value={k}>
                {EXPECTATION_OPTION[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label htmlFor={ids.sql} className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
        SQL (one read-only query: SELECT, WITH, VALUES or TABLE)
        <textarea
          id={ids.sql}
          required
          rows={3}
          maxLength={VALIDATION_QUERY_LIMITS.sqlMax}
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          placeholder="select count(*) from orders"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-describedby={create.isError ? ids.error : undefined}
          className={`${INPUT} min-h-20 resize-y py-1.5 font-mono`}
          data-testid="validation-sql"
        />
      </label>
      {create.isError ? (
        <p
          id={ids.error}
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200"
          data-testid="validation-error"
        >
          {create.error.message}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={create.isPending} data-testid="validation-add">
          {create.isPending ? (
            <Spinner className="size-3.5 border-zinc-500 border-t-white" label="Adding" />
          ) : null}
          Add query
        </Button>
      </div>
    </form>
  );
}
