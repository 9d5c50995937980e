import { hashInvitationToken } from '@rewind/core';
import { acceptInvitation } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withSession } from '@/server/api/with-session';
import { appDb, platformDb } from '@/server/db';
import { acceptInvitationBody } from '@/server/tenancy/member-bodies';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** The invitee, signed in with the invited email, accepts with the link's token. */
export const POST = withSession(async ({ principal, req }) => {
  const body = await readJsonBody(req, acceptInvitationBody);
  const joined = await acceptInvitation(appDb().db, platformDb().db, {
    tokenHash: hashInvitationToken(body.token),
    userId: principal.userId,
    email: principal.email,
  });
  return Response.json(
    { tenant: { id: joined.tenantId, name: joined.tenantName }, role: joined.role },
    { headers: { 'cache-control': 'no-store' } },
  );
});

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
