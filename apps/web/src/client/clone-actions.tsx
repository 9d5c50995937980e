'use client';

import { useState } from 'react';
import { Button, Dialog } from '@rewind/ui';
import { useExtendClone, useKeepClone } from './clone-queries';
import { useCan, useInstanceLifecycle } from './queries';
import { Instant } from './zone-context';

const HOUR = 3600_000;

export interface CloneFacts {
  id: string;
  name?: string;
  status: string;
  expiresAt: string | null;
  maxExpiresAt: string | null;
  timeZone?: string | null;
}

/**
 * What a person does with a clone once it is made, on its own page and on its restore's page:
 * see when it goes, Extend TTL (up to the plan's maximum lifetime for clones), Keep as a
 * permanent instance (counts against the plan's instance limit), Delete now.
 */
export function CloneActions({ clone }: { clone: CloneFacts }) {
  const canExtend = useCan('restore:request');
  const canDelete = useCan('instance:delete');
  const extend = useExtendClone(clone.id);
  const lifecycle = useInstanceLifecycle(clone.id);
  const keep = useKeepClone(clone.id);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmKeep, setConfirmKeep] = useState(false);
  if (!clone.expiresAt) return null;
  const running = clone.status === 'running';
  const expires = Date.parse(clone.expiresAt);
  const max = clone.maxExpiresAt ? Date.parse(clone.maxExpiresAt) : expires;
  const options = [
    { label: '+1 hour', to: expires + HOUR },
    { label: '+1 day', to: expires + 24 * HOUR },
  ].filter((o) => o.to <= max);
  const toMax = max > expires && !options.some((o) => o.to === max);

  return (
    <div className="space-y-3 text-sm" data-testid="clone-actions">
      <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-y-1 text-[13px]">
        <dt className="text-zinc-500">Expires</dt>
        <dd className="break-words">
          <Instant iso={clone.expiresAt} instanceZone={clone.timeZone} testId="clone-expires" />
        </dd>
        {clone.maxExpiresAt ? (
          <>
            <dt className="text-zinc-500">Extend up to</dt>
            <dd className="break-words text-zinc-600">
              <Instant iso={clone.maxExpiresAt} instanceZone={clone.timeZone} testId="clone-max" />{' '}
              (the plan&apos;s longest clone life)
            </dd>
          </>
        ) : null}
      </dl>
      {running ? (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-xs font-medium text-zinc-600">Extend TTL</span>
          {options.map((o) => (
            <Button
              key={o.label}
              variant="secondary"
              className="h-8 text-xs"
              disabled={!canExtend || extend.isPending}
              onClick={() => extend.mutate(new Date(o.to).toISOString())}
              data-testid={`clone-extend-${o.label.replace(/\W+/g, '')}`}
            >
              {o.label}
            </Button>
          ))}
          {toMax ? (
            <Button
              variant="secondary"
              className="h-8 text-xs"
              disabled={!canExtend || extend.isPending}
              onClick={() => extend.mutate(new Date(max).toISOString())}
              data-testid="clone-extend-max"
            >
              To the maximum
            </Button>
          ) : null}
          {!options.length && !toMax ? (
            <span className="text-xs text-zinc-500">already at the plan&apos;s maximum</span>
          ) : null}
          <Button
            variant="secondary"
            className="h-8 text-xs sm:ml-auto"
            disabled={!canExtend || keep.isPending}
            onClick={() => setConfirmKeep(true)}
            data-testid="clone-keep"
          >
            Keep as a permanent instance
          </Button>
          <Button
            variant="danger"
            className="h-8 text-xs"
            disabled={!canDelete || lifecycle.isPending}
            onClick={() => setConfirmDelete(true)}
            data-testid="clone-delete"
          >
            Delete now
          </Button>
        </div>
      ) : null}
      {running && (!canExtend || !canDelete) ? (
        <p className="text-xs text-zinc-500" data-testid="clone-actions-why">
          {!canExtend
            ? 'Owners and admins extend or keep clones; owners delete them.'
            : 'Only owners delete a clone early; it goes by itself when it expires.'}
        </p>
      ) : null}
      {extend.isError ? (
        <p role="alert" className="text-xs text-red-700" data-testid="clone-extend-error">
          {extend.error.message}
        </p>
      ) : null}
      {lifecycle.isError && !confirmDelete ? (
        <p role="alert" className="text-xs text-red-700">
          {lifecycle.error.message}
        </p>
      ) : null}
      <Dialog
        open={confirmKeep}
        onClose={() => setConfirmKeep(false)}
        title="Keep this clone as a permanent instance?"
        testId="clone-keep-confirm"
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmKeep(false)}>
              Cancel
            </Button>
            <Button
              disabled={keep.isPending}
              onClick={() => keep.mutate(undefined, { onSuccess: () => setConfirmKeep(false) })}
              data-testid="clone-keep-confirm-button"
            >
              Keep it
            </Button>
          </>
        }
      >
        <p>
          The clone{clone.name ? <span className="font-mono"> {clone.name}</span> : null} stops
          expiring and becomes one of your instances: it counts against your plan&apos;s instance
          limit, archives its WAL to both regions and gets its own backups, schedules and drills. It
          keeps its data, port and credentials.
        </p>
        {keep.isError ? (
          <p role="alert" className="text-red-700" data-testid="clone-keep-error">
            {keep.error.message}
          </p>
        ) : null}
      </Dialog>
      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title="Delete this clone now?"
        testId="clone-delete-confirm"
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
              Keep it
            </Button>
            <Button
              variant="danger"
              disabled={lifecycle.isPending}
              onClick={() =>
                lifecycle.mutate('delete', { onSuccess: () => setConfirmDelete(false) })
              }
              data-testid="clone-delete-confirm-button"
            >
              Delete now
            </Button>
          </>
        }
      >
        <p>
          The clone{clone.name ? <span className="font-mono"> {clone.name}</span> : null} stops and
          its data directory is removed now, as at the end of its TTL. The instance it was restored
          from is untouched.
        </p>
        {lifecycle.isError ? <p className="text-red-700">{lifecycle.error.message}</p> : null}
      </Dialog>
    </div>
  );
}
