'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Button, Dialog, Spinner } from '@rewind/ui';
import type { InstanceDetailFull } from '@/lib/api-types';
import { useCan, useInstanceLifecycle } from './queries';

const IN_PROGRESS = new Map([
  ['stopping', 'Stopping…'],
  ['starting', 'Starting…'],
  ['deleting', 'Deleting…'],
]);

/**
 * Stop / Start (instance:operate: owners and admins) and Delete (instance:delete: owners) on the
 * instance page; members get none of them. The API decides (409 with the reason when the state
 * does not allow it); the buttons only offer what the current status could allow.
 */
export function InstanceLifecycle({
  instance,
  retentionDays,
}: {
  instance: InstanceDetailFull;
  retentionDays: number | undefined;
}) {
  const canOperate = useCan('instance:operate');
  const canDelete = useCan('instance:delete');
  const lifecycle = useInstanceLifecycle(instance.id);
  const [dialog, setDialog] = useState<'stop' | 'delete' | null>(null);
  const router = useRouter();

  // a clone lives and goes with its restore (TTL); the API refuses these for it
  if (instance.kind === 'clone' || (!canOperate && !canDelete)) return null;

  const progress = IN_PROGRESS.get(instance.status);
  const busy = lifecycle.isPending || progress !== undefined;
  const close = () => {
    setDialog(null);
    lifecycle.reset();
  };

  return (
    <div className="flex flex-wrap items-center gap-2 sm:ml-auto" data-testid="instance-lifecycle">
      {progress ? (
        <span
          aria-live="polite"
          className="flex items-center gap-1.5 text-xs text-zinc-600"
          data-testid="lifecycle-progress"
        >
          <Spinner className="size-3" label={progress} /> {progress}
        </span>
      ) : null}
      {canOperate && instance.status === 'running' ? (
        <Button
          variant="secondary"
          className="h-8 text-xs"
          disabled={busy}
          onClick={() => setDialog('stop')}
          data-testid="instance-stop"
        >
          Stop
        </Button>
      ) : null}
      {canOperate && instance.status === 'stopped' ? (
        <Button
          variant="secondary"
          className="h-8 text-xs"
          disabled={busy}
          onClick={() => lifecycle.mutate('start')}
          data-testid="instance-start"
        >
          {lifecycle.isPending && lifecycle.variables === 'start' ? (
            <Spinner className="size-3" label="Starting" />
          ) : null}
          Start
        </Button>
      ) : null}
      {canDelete ? (
        <Button
          variant="secondary"
          className="h-8 text-xs text-red-700! ring-red-300! hover:bg-red-50! disabled:text-zinc-400!"
          disabled={busy || !['running', 'stopped', 'failed'].includes(instance.status)}
          onClick={() => setDialog('delete')}
          data-testid="instance-delete"
        >
          Delete…
        </Button>
      ) : null}
      {lifecycle.isError && dialog === null ? (
        <p
          role="alert"
          className="w-full text-xs text-red-700 sm:text-right"
          data-testid="lifecycle-error"
        >
          {lifecycle.error.message}
        </p>
      ) : null}

      <Dialog
        open={dialog === 'stop'}
        onClose={close}
        title={`Stop ${instance.name}?`}
        testId="stop-dialog"
        footer={
          <>
            <Button variant="secondary" onClick={close}>
              Keep running
            </Button>
            <Button
              onClick={() => lifecycle.mutate('stop', { onSuccess: () => setDialog(null) })}
              disabled={lifecycle.isPending}
              data-testid="stop-confirm"
            >
              {lifecycle.isPending ? (
                <Spinner className="size-3.5 border-zinc-500 border-t-white" label="Stopping" />
              ) : null}
              Stop instance
            </Button>
          </>
        }
      >
        <p>
          PostgreSQL shuts down cleanly: open connections are closed and its port stops answering
          until you start it again.
        </p>
        <p>
          Scheduled backups are skipped while it is stopped. Its existing backups, WAL and
          restorable window stay.
        </p>
        {lifecycle.isError ? (
          <p role="alert" className="text-red-700">
            {lifecycle.error.message}
          </p>
        ) : null}
      </Dialog>

      <DeleteDialog
        open={dialog === 'delete'}
        onClose={close}
        instance={instance}
        retentionDays={retentionDays}
        pending={lifecycle.isPending}
        error={lifecycle.isError ? lifecycle.error.message : null}
        onConfirm={() => lifecycle.mutate('delete', { onSuccess: () => router.push('/') })}
      />
    </div>
  );
}

function DeleteDialog({
  open,
  onClose,
  instance,
  retentionDays,
  pending,
  error,
  onConfirm,
}: {
  open: boolean;
  onClose: () => void;
  instance: InstanceDetailFull;
  retentionDays: number | undefined;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
}) {
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const matches = typed === instance.name;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (matches && !pending && !instance.legalHold) onConfirm();
  };
  const kept =
    retentionDays === undefined
      ? "for the tenant's retention period"
      : `for ${retentionDays} day${retentionDays === 1 ? '' : 's'} (the tenant's retention)`;
  return (
    <Dialog
      open={open}
      onClose={() => {
        setTyped('');
        onClose();
      }}
      title={`Delete ${instance.name}?`}
      testId="delete-dialog"
    >
      <form onSubmit={submit} className="space-y-3" aria-label={`Delete ${instance.name}`}>
        <p>
          The instance stops and its data directory is removed now; its name and port become free.
          This cannot be undone from the portal.
        </p>
        <p data-testid="delete-backups-note">
          Its backups and archived WAL are kept {kept}, in both regions, then removed. No new
          backups are taken.
        </p>
        {instance.legalHold ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-inset ring-amber-200">
            This instance is under legal hold: release the hold before deleting it.
          </p>
        ) : null}
        <label htmlFor={inputId} className="block">
          Type <span className="font-mono font-semibold text-zinc-900">{instance.name}</span> to
          confirm
        </label>
        <input
          id={inputId}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          disabled={instance.legalHold}
          data-testid="delete-confirm-name"
          className="h-9 w-full rounded-md border border-zinc-300 bg-white px-3 font-mono text-sm focus:border-zinc-900 focus:outline-none"
        />
        {error ? (
          <p role="alert" className="text-red-700" data-testid="delete-error">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2 pt-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setTyped('');
              onClose();
            }}
          >
            Keep instance
          </Button>
          <Button
            type="submit"
            // `!`: the primary variant sets its own background, and later classes do not win by order
            variant="danger"
            disabled={!matches || pending || instance.legalHold}
            data-testid="delete-confirm"
          >
            {pending ? (
              <Spinner className="size-3.5 border-red-300 border-t-white" label="Deleting" />
            ) : null}
            Delete instance
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
