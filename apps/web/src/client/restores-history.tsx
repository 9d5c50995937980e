'use client';

import { Button, Card, EmptyState, ErrorState, Spinner } from '@rewind/ui';
import { PendingApprovals } from './pending-approvals';
import { useRestores } from './queries';
import { RestoresTable } from './restores-table';

export function RestoresHistory() {
  const restores = useRestores();
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Restores</h1>
        <p className="mt-1 text-sm text-zinc-500">Every restore of this tenant, newest first.</p>
      </div>
      <PendingApprovals />
      <Card>
        {restores.isPending ? (
          <p className="flex items-center gap-2 py-6 text-sm text-zinc-500">
            <Spinner /> Loading restores…
          </p>
        ) : restores.isError ? (
          <ErrorState
            title="Could not load restores"
            message={restores.error.message}
            action={
              <Button variant="secondary" onClick={() => void restores.refetch()}>
                Try again
              </Button>
            }
          />
        ) : restores.data.length === 0 ? (
          <EmptyState
            title="No restores yet"
            description="Open an instance and pick a second of its window to restore."
          />
        ) : (
          <RestoresTable rows={restores.data} />
        )}
      </Card>
    </section>
  );
}
