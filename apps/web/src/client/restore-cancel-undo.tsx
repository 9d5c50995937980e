'use client';

import { useState } from 'react';
import { Button, Card, Dialog } from '@rewind/ui';
import type { RestoreView } from '@/lib/api-types';
import { useCan, useCancelRestore, useUndoRestore } from './queries';

export function CancelButton({ id }: { id: string }) {
  const can = useCan('restore:cancel');
  const cancel = useCancelRestore(id);
  const [open, setOpen] = useState(false);
  if (!can) return null;
  return (
    <>
      <Button
        variant="secondary"
        className="h-8 text-xs"
        onClick={() => setOpen(true)}
        disabled={cancel.isPending || cancel.isSuccess}
        data-testid="restore-cancel"
      >
        {cancel.isSuccess ? 'Cancelling…' : 'Cancel restore'}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Cancel this restore?"
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Keep running
            </Button>
            <Button
              variant="danger"
              onClick={() => cancel.mutate(undefined, { onSettled: () => setOpen(false) })}
            >
              Cancel restore
            </Button>
          </>
        }
      >
        <p>
          Everything provisioned for it is removed: no process, port or directory stays behind. The
          source instance is untouched.
        </p>
        {cancel.isError ? <p className="text-red-700">{cancel.error.message}</p> : null}
      </Dialog>
    </>
  );
}

export function UndoCard({ r }: { r: RestoreView }) {
  const can = useCan('restore:request');
  const undo = useUndoRestore(r.id);
  const [open, setOpen] = useState(false);
  const undone = r.phase === 'undone' || r.phase === 'undoing';
  return (
    <Card title="Undo replace" testId="undo-card">
      <p className="text-sm text-zinc-600">
        The data the instance had before this replace is kept for a limited time. Undo puts it back
        and takes a fresh backup.
      </p>
      {undone ? (
        <p className="mt-3 text-sm font-medium">
          {r.phase === 'undoing' ? 'Undo in progress…' : 'This replace was undone.'}
        </p>
      ) : can ? (
        <>
          <Button
            variant="secondary"
            className="mt-3"
            onClick={() => setOpen(true)}
            data-testid="undo-button"
          >
            Undo replace…
          </Button>
          <Dialog
            open={open}
            onClose={() => setOpen(false)}
            title="Undo this replace?"
            footer={
              <>
                <Button variant="secondary" onClick={() => setOpen(false)}>
                  Back
                </Button>
                <Button
                  onClick={() => undo.mutate(undefined, { onSuccess: () => setOpen(false) })}
                  disabled={undo.isPending}
                >
                  Undo replace
                </Button>
              </>
            }
          >
            <p>
              The instance goes back to the data it had just before the cutover. Writes made since
              the cutover are lost.
            </p>
            {undo.isError ? <p className="text-red-700">{undo.error.message}</p> : null}
          </Dialog>
        </>
      ) : null}
      {undo.isError && !open ? (
        <p className="mt-2 text-sm text-red-700">{undo.error.message}</p>
      ) : null}
    </Card>
  );
}
