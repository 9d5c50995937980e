'use client';

import { Button, Card, Spinner } from '@rewind/ui';
import { useState } from 'react';
import type { RestoreMode, RestoreRequester } from '@/lib/api-types';
import { DecisionForm } from './decision-form';
import { useMe } from './queries';

/** What the signed-in person may do about a restore that waits for a second person. */
type Stance = 'loading' | 'requester' | 'approver' | 'viewer';

function useStance(requestedBy: RestoreRequester | null): { stance: Stance; myId: string | null } {
  const me = useMe();
  if (me.isPending) return { stance: 'loading', myId: null };
  const myId = me.data?.principal.userId ?? null;
  if (requestedBy && requestedBy.id === myId) return { stance: 'requester', myId };
  return { stance: me.data?.permissions.includes('restore:approve') ? 'approver' : 'viewer', myId };
}

export function requesterLabel(requestedBy: RestoreRequester | null, myId: string | null): string {
  if (!requestedBy) return 'a schedule';
  if (requestedBy.id === myId) return 'you';
  return requestedBy.email ?? 'a former member';
}

interface PendingRestore {
  id: string;
  mode: RestoreMode;
  requestedBy: RestoreRequester | null;
}

/**
 * Approve / Reject for an owner or admin who did not ask for the restore. The requester gets
 * no working button, only the reason; the API refuses them with 403 anyway, and the form shows
 * that refusal should they reach it some other way.
 */
export function ApprovalActions({
  restore,
  label,
  onDecided,
}: {
  restore: PendingRestore;
  label: string;
  /** for lists: the row leaves once the restore stops waiting, so the list keeps the notice */
  onDecided?(message: string): void;
}) {
  const { stance } = useStance(restore.requestedBy);
  const [acting, setActing] = useState<'approve' | 'reject' | null>(null);
  const [decided, setDecided] = useState<string | null>(null);

  if (decided) {
    return (
      <p role="status" className="text-sm text-emerald-800" data-testid="approval-decided">
        {decided}
      </p>
    );
  }
  if (stance === 'loading')
    return <Spinner className="size-3.5" label="Checking what you may do" />;
  if (stance === 'requester') {
    return (
      <p
        className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
        data-testid="approval-own-request"
      >
        You requested this restore, so you cannot approve or reject it. Another owner or admin of
        this tenant must decide.
      </p>
    );
  }
  if (stance === 'viewer') {
    return (
      <p className="text-sm text-zinc-600" data-testid="approval-not-allowed">
        An owner or admin other than the requester must approve it; your role cannot decide.
      </p>
    );
  }
  return (
    <div data-testid="approval-actions">
      {acting === null ? (
        <div className="flex flex-wrap gap-2">
          <Button
            onClick={() => setActing('approve')}
            aria-label={`Approve ${label}`}
            data-testid="approve-button"
          >
            Approve
          </Button>
          <Button
            variant="secondary"
            onClick={() => setActing('reject')}
            aria-label={`Reject ${label}`}
            data-testid="reject-button"
          >
            Reject
          </Button>
        </div>
      ) : (
        <DecisionForm
          restoreId={restore.id}
          approve={acting === 'approve'}
          via="tenant"
          onCancel={() => setActing(null)}
          onDone={() => {
            const what = `the ${restore.mode === 'replace' ? 'replace' : 'restore'}`;
            const message =
              acting === 'approve'
                ? `Approved ${label}: ${what} starts now.`
                : `Rejected ${label}: nothing was provisioned.`;
            setDecided(message);
            onDecided?.(message);
            setActing(null);
          }}
        />
      )}
    </div>
  );
}

/** On a restore's progress page while it waits: why, who may decide, and the decision itself. */
export function ApprovalCard({ restore, label }: { restore: PendingRestore; label: string }) {
  const { myId } = useStance(restore.requestedBy);
  return (
    <Card title="Waiting for approval" testId="approval-card">
      <p className="mb-3 text-sm text-zinc-600">
        {restore.mode === 'replace'
          ? 'A replace overwrites what this instance serves, so a second person must approve it before anything is provisioned.'
          : "This tenant's policy asks a second person to approve every restore before anything is provisioned."}{' '}
        Requested by{' '}
        <span className="font-medium text-zinc-900" data-testid="approval-requester">
          {requesterLabel(restore.requestedBy, myId)}
        </span>
        ; any other owner or admin may decide. If nobody does, the request expires.
      </p>
      <ApprovalActions restore={restore} label={label} />
    </Card>
  );
}
