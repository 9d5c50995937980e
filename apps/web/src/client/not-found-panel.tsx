import Link from 'next/link';

/** Another tenant's id reads exactly like an unknown one: nothing to learn about existence. */
export function InstanceNotFound({ what }: { what: 'instance' | 'restore' }) {
  return (
    <div className="py-16 text-center" data-testid="not-found">
      <p className="text-sm font-semibold text-zinc-500">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">
        {what === 'instance' ? 'Instance not found' : 'Restore not found'}
      </h1>
      <p className="mt-2 text-sm text-zinc-500">
        It does not exist in this tenant, or you do not have access to it.
      </p>
      <Link
        href={what === 'instance' ? '/' : '/restores'}
        className="mt-6 inline-block text-sm font-medium text-indigo-700 underline underline-offset-4"
      >
        {what === 'instance' ? 'Back to your instances' : 'Back to restores'}
      </Link>
    </div>
  );
}
