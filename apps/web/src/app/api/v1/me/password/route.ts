import { changePassword } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withSession } from '@/server/api/with-session';
import { platformDb } from '@/server/db';
import { changePasswordBody } from '@/server/tenancy/member-bodies';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** Changes the signed-in person's password; every session of theirs ends (sign in again). */
export const POST = withSession(async ({ principal, req }) => {
  const body = await readJsonBody(req, changePasswordBody);
  await changePassword(platformDb().db, { userId: principal.userId, ...body });
  return new Response(null, { status: 204 });
});

const notAllowed = methodNotAllowed(['POST']);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
