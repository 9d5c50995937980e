'use client';

import { Button } from '@rewind/ui';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from './api';
import { useDecideRestore } from './queries';

/**
 * Approve or reject one restore with a required reason, in the portal (`via="tenant"`) and in
 * /admin (`via="platform"`). The API's refusal (e.g. the requester's own restore) is shown as
 * the API says it.
 */
export function DecisionForm({
  restoreId,
  approve,
  via,
  onDone,
  onCancel,
}: {
  restoreId: string;
  approve: boolean;
  via: 'tenant' | 'platform';
  onDone(): void;
  onCancel(): void;
}) {
  const decide = useDecideRestore(via);
  const [reason, setReason] = useState('');
  const id = useId();
  const verb = approve ? 'Approve' : 'Reject';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate({ id: restoreId, approve, reason: reason.trim() }, { onSuccess: onDone });
  };

  return (
    <form
      onSubmit={submit}
      className="mt-3 space-y-2 rounded-md border border-zinc-200 bg-zinc-50 p-3"
      data-testid="decision-form"
    >
      <label htmlFor={id} className="block text-sm font-medium">
        Reason for {approve ? 'approval' : 'rejection'}
      </label>
      <textarea
        id={id}
        // the form opens because the person chose to act on this restore: take them to the field
        autoFocus
        required
        maxLength={500}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={
          approve
            ? 'e.g. confirmed target with the requester'
            : 'e.g. wrong instance, ask the team to resubmit'
        }
        className="block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-zinc-900"
      />
      {decide.isError ? (
        <p role="alert" className="text-sm text-red-700" data-testid="decision-error">
          {decide.error instanceof ApiError && decide.error.status === 403 ? 'Refused: ' : ''}
          {decide.error.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          disabled={decide.isPending || reason.trim() === ''}
          variant={approve ? 'primary' : 'danger'}
        >
          {decide.isPending ? `${approve ? 'Approving' : 'Rejecting'}…` : `${verb} restore`}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
