'use client';

import Link from 'next/link';
import { Card, EmptyState, ErrorState, Spinner } from '@rewind/ui';
import { useRestores } from './queries';
import { RestoresTable } from './restores-table';

/** The newest restores of one instance. */
export function InstanceRestores({ instanceId }: { instanceId: string }) {
  const restores = useRestores(instanceId);
  return (
    <Card
      title="Restores of this instance"
      actions={
        <Link href="/restores" className="text-xs text-indigo-700 hover:underline">
          All restores
        </Link>
      }
    >
      {restores.isPending ? (
        <p className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner className="size-3.5" /> Loading…
        </p>
      ) : restores.isError ? (
        <ErrorState title="Could not load restores" message={restores.error.message} />
      ) : restores.data.length === 0 ? (
        <EmptyState
          title="No restores yet"
          description="Pick a second above to bring this database back to it."
        />
      ) : (
        <RestoresTable rows={restores.data.slice(0, 5)} showInstance={false} />
      )}
    </Card>
  );
}
