import type { Metadata } from 'next';
import { safeReturnPath } from '@rewind/core';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/client/signin-form';
import { currentPageSession } from '@/server/auth/page-session';
import { env, oidcEnv } from '@/server/env';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // Only a path of our own origin, after URL parsing: a callbackUrl never sends a fresh session elsewhere.
  const returnTo = safeReturnPath(params.callbackUrl, env().WEB_URL);
  if (await currentPageSession()) redirect(returnTo);
  const error = typeof params.error === 'string' ? params.error : null;
  return (
    <main className="grid min-h-dvh place-items-center bg-zinc-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <span
            aria-hidden
            className="mx-auto mb-4 grid size-10 place-items-center rounded-lg bg-zinc-900 text-white"
          >
            <svg
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              className="size-5"
            >
              <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
              <path d="M3 3v5h5M12 7v5l3 2" />
            </svg>
          </span>
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Rewind</h1>
          <p className="mt-1 text-sm text-zinc-500">Point-in-time restore for PostgreSQL</p>
        </div>
        <SignInForm returnTo={returnTo} initialError={error} ssoEnabled={oidcEnv() !== null} />
      </div>
    </main>
  );
}
