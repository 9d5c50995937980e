'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { Button, Spinner } from '@rewind/ui';

const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  rate_limited: 'Too many failed attempts. Wait a few minutes and try again.',
  AccessDenied: 'This account is not allowed to sign in here.',
};

function messageFor(code: string): string {
  return MESSAGES[code] ?? 'Sign-in failed. Try again.';
}

export function SignInForm({
  returnTo,
  initialError,
  ssoEnabled,
}: {
  returnTo: string;
  initialError: string | null;
  ssoEnabled: boolean;
}) {
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError) : null);
  const [pending, setPending] = useState(false);

  const attempt = async (email: string, password: string) => {
    setPending(true);
    setError(null);
    // a network failure reads like any other failed attempt: the form says so and can be retried
    const res = await signIn('credentials', { redirect: false, email, password }).catch(
      () => undefined,
    );
    if (!res || res.error) {
      setPending(false);
      setError(messageFor(res?.error ?? ''));
      return;
    }
    // Full navigation so server components render with the new session cookie.
    window.location.assign(returnTo);
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    // fire-and-forget from the event handler: attempt reports every outcome in the form itself
    void attempt(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
  };

  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">
      <form onSubmit={submit} className="space-y-4" data-testid="signin-form">
        <label className="block">
          <span className="text-sm font-medium text-zinc-700">Email</span>
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            className="mt-1 h-10 w-full rounded-md border border-zinc-300 px-3 text-sm focus:border-zinc-900 focus:outline-none"
          />
        </label>
        <label className="block">
          <span className="text-sm font-medium text-zinc-700">Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 h-10 w-full rounded-md border border-zinc-300 px-3 text-sm focus:border-zinc-900 focus:outline-none"
          />
        </label>
        {error ? (
          <p
            role="alert"
            data-testid="signin-error"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
          >
            {error}
          </p>
        ) : null}
        <Button type="submit" className="h-10 w-full" disabled={pending}>
          {pending ? (
            <Spinner className="size-3.5 border-zinc-500 border-t-white" label="Signing in" />
          ) : null}
          Sign in
        </Button>
      </form>
      {ssoEnabled ? (
        <>
          <div className="my-4 flex items-center gap-3 text-xs text-zinc-500">
            <span className="h-px flex-1 bg-zinc-200" /> or{' '}
            <span className="h-px flex-1 bg-zinc-200" />
          </div>
          <Button
            variant="secondary"
            className="h-10 w-full"
            onClick={() => void signIn('oidc', { callbackUrl: returnTo })}
          >
            Continue with single sign-on
          </Button>
        </>
      ) : null}
    </div>
  );
}
