import 'server-only';
import { getServerSession, type Session } from 'next-auth';
import { redirect } from 'next/navigation';
import { authOptions } from './auth-options';

/** For server components: the session, or a redirect to the sign-in page that comes back here. */
export async function requirePageSession(returnTo: string): Promise<Session> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return session;
}

export async function currentPageSession(): Promise<Session | null> {
  return getServerSession(authOptions());
}
