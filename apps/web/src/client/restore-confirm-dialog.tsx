'use client';

import { Button, Dialog, Spinner } from '@rewind/ui';
import type { InstanceDetailFull, PreflightResponse, RestoreMode } from '@/lib/api-types';
import { CopyChecksSentence } from './copy-checks';
import type { PickedTarget } from './point-in-time-picker';
import { formatInstant } from './time';

/**
 * The last look before a restore starts: the target in the chosen zone, named, with UTC beside
 * it (the server's own reading from pre-flight), where it is served from, and what is checked.
 */
export function RestoreConfirmDialog({
  open,
  onClose,
  onConfirm,
  pending,
  error,
  instance,
  mode,
  region,
  plan,
  picked,
  tz,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  pending: boolean;
  error: string | null;
  instance: InstanceDetailFull;
  mode: RestoreMode;
  region: string;
  plan: PreflightResponse | null;
  picked: PickedTarget | null;
  tz: string;
}) {
  const latest = picked?.kind === 'latest';
  // just before a WAL event: recovery stops before that transaction's commit, not at a second
  const beforeXid = picked?.kind === 'xid' ? picked.xid : null;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={mode === 'clone' ? 'Restore as a clone?' : 'Request a replace?'}
      testId="restore-confirm"
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Back
          </Button>
          <Button
            className="bg-indigo-600 hover:bg-indigo-700"
            onClick={onConfirm}
            disabled={pending}
            data-testid="restore-confirm-button"
          >
            {pending ? (
              <Spinner className="size-3.5 border-indigo-300 border-t-white" label="Starting" />
            ) : null}
            {mode === 'clone' ? 'Restore' : 'Request replace'}
          </Button>
        </>
      }
    >
      <p>
        <span className="font-mono">{instance.name}</span>{' '}
        {latest
          ? 'at its newest restorable second, worked out when the restore starts; as of now that is'
          : beforeXid
            ? `as it was just before transaction ${beforeXid} committed:`
            : 'as it was at the end of'}
      </p>
      <p
        className="rounded-md bg-zinc-900 px-3 py-2 text-center font-mono text-sm break-words text-white sm:text-base"
        data-testid="restore-confirm-utc"
      >
        {plan?.targetUtc
          ? formatInstant(Date.parse(plan.targetUtc), tz)
          : (plan?.description ?? '')}
      </p>
      <p className="text-zinc-600">
        {beforeXid
          ? `Every commit before transaction ${beforeXid} is kept; that transaction and everything after it are not.`
          : 'Every commit at or before that second is kept; nothing after it.'}{' '}
        Served from {plan?.region ?? 'the healthy region'}
        {region === 'auto' ? ' (automatic)' : ''}.
      </p>
      <CopyChecksSentence instanceId={instance.id} />
      {mode === 'replace' ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-inset ring-amber-200">
          Replace waits for another owner or admin to approve. Once the copy is verified, its
          comparison with the source is shown and the cutover waits for your confirmation. After
          cutover, the previous data is kept and can be put back with Undo until its TTL ends.
        </p>
      ) : null}
      {error ? <p className="text-red-700">{error}</p> : null}
    </Dialog>
  );
}
