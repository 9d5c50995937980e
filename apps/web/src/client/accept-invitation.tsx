'use client';

import { useState } from 'react';
import { Button, Card } from '@rewind/ui';
import { api, ApiError } from './api';
import { Instant } from './zone-context';

export interface InvitationView {
  tenantName: string;
  role: string;
  invitedBy: string | null;
  expiresAt: string;
  state: 'open' | 'accepted' | 'expired';
}

/** The invitee's side of an invitation: join the tenant, or leave the link unused. */
export function AcceptInvitation({
  token,
  signedInAs,
  invitation,
}: {
  token: string;
  signedInAs: string;
  invitation: InvitationView | null;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (!invitation) {
    return (
      <div className="py-16 text-center" data-testid="invitation-not-found">
        <h1 className="text-2xl font-semibold tracking-tight">No invitation for you here</h1>
        <p className="mt-2 text-sm text-zinc-500">
          The link is wrong, or it was sent to another email. You are signed in as {signedInAs}.
        </p>
      </div>
    );
  }

  const accept = async () => {
    setPending(true);
    setError(null);
    try {
      await api('/api/v1/invitations/accept', { method: 'POST', body: { token } });
      window.location.assign('/');
    } catch (err) {
      setPending(false);
      setError(err instanceof ApiError ? err.message : 'Could not accept the invitation.');
    }
  };

  return (
    <div className="mx-auto max-w-lg" data-testid="invitation">
      <Card title={`Join ${invitation.tenantName}`}>
        <p className="text-sm text-zinc-700">
          {invitation.invitedBy ?? 'An owner'} invited {signedInAs} to{' '}
          <strong>{invitation.tenantName}</strong> as <strong>{invitation.role}</strong>.
        </p>
        {invitation.state === 'open' ? (
          <>
            <p className="mt-2 text-xs text-zinc-500">
              The link works until <Instant iso={invitation.expiresAt} />. Your default tenant stays
              as it is.
            </p>
            <div className="mt-4 flex gap-2">
              {/* accept() handles its own failure (shown in the card), so nothing is left to await */}
              <Button
                onClick={() => void accept()}
                disabled={pending}
                data-testid="accept-invitation"
              >
                Accept and join
              </Button>
            </div>
          </>
        ) : (
          <p className="mt-2 text-sm text-zinc-500">
            {invitation.state === 'accepted'
              ? 'This invitation has already been accepted.'
              : 'This invitation has expired; ask for a new one.'}
          </p>
        )}
        {error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {error}
          </p>
        )}
      </Card>
    </div>
  );
}
