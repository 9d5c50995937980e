import 'server-only';
import { getServerSession, type Session } from 'next-auth';
import { redirect } from 'next/navigation';
import { authOptions } from './auth-options';
import { sessionIsCurrent } from './resolve-principal';

/** For server components: the session, or a redirect to the sign-in page that comes back here. */
export async function requirePageSession(returnTo: string): Promise<Session> {
  const session = await currentPageSession();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return session;
}

/** The session, if there is one that has not been ended (sign-out, password change, removal). */
export async function currentPageSession(): Promise<Session | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return (await sessionIsCurrent(session.user.id, session.user.sessionVersion)) ? session : null;
}
