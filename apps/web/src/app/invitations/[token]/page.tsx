import { hashInvitationToken, looksLikeInvitationToken } from '@rewind/core';
import { findInvitationForInvitee } from '@rewind/db';
import { AcceptInvitation } from '@/client/accept-invitation';
import { PortalPage } from '@/client/portal-page';
import { requirePageSession } from '@/server/auth/page-session';
import { platformDb } from '@/server/db';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Invitation' };

/**
 * What the invitation link opens. Signed out: sign-in first, then back here. It shows the
 * invitation only to the person signed in with the invited email; anyone else (or a bad link)
 * sees the same "no invitation" page, which says nothing about the tenant.
 */
export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = await requirePageSession(`/invitations/${encodeURIComponent(token)}`);
  const invitation = looksLikeInvitationToken(token)
    ? await findInvitationForInvitee(
        platformDb().db,
        hashInvitationToken(token),
        session.user.email,
      )
    : null;
  return (
    <PortalPage>
      <AcceptInvitation
        token={token}
        signedInAs={session.user.email}
        invitation={
          invitation && {
            tenantName: invitation.tenantName,
            role: invitation.role,
            invitedBy: invitation.invitedByEmail,
            expiresAt: invitation.expiresAt.toISOString(),
            state: invitation.accepted ? 'accepted' : invitation.expired ? 'expired' : 'open',
          }
        }
      />
    </PortalPage>
  );
}
