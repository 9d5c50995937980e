'use client';

import { Button, EmptyState, ErrorState, Spinner } from '@rewind/ui';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/**
 * Loading, error and empty around one query, the same way on every admin page. `isEmpty`
 * decides emptiness so pages with client-side filters can say "nothing matches" themselves.
 */
export function QueryStates<T>({
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: { title: string; description?: ReactNode };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <div
        className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-white px-4 py-10 text-sm text-zinc-500"
        data-testid="admin-loading"
      >
        <Spinner label={`Loading ${what}`} /> Loading {what}…
      </div>
    );
  }
  if (query.isError) {
    return (
      <ErrorState
        title={`Could not load ${what}`}
        message={query.error instanceof Error ? query.error.message : undefined}
        action={
          <Button variant="secondary" onClick={() => void query.refetch()}>
            Try again
          </Button>
        }
      />
    );
  }
  if (isEmpty?.(query.data) && empty)
    return <EmptyState title={empty.title} description={empty.description} />;
  return <>{children(query.data)}</>;
}
