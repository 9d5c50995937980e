type Jar = Map<string, string>;

function keep(jar: Jar, res: Response): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}
const header = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Signs in through next-auth's credentials flow and returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  return (await signInFlow(baseUrl, email, password)).cookie;
}

/** The whole answer of the credentials callback: the cookie, and where next-auth sends the person. */
export async function signInFlow(
  baseUrl: string,
  email: string,
  password: string,
  callbackUrl?: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ cookie: string; url: string | null }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar: Jar = new Map();
  keep(jar, csrf);
  const form: Record<string, string> = { csrfToken, email, password, json: 'true' };
  if (callbackUrl !== undefined) form.callbackUrl = callbackUrl;
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      ...extraHeaders,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: header(jar),
    },
    body: new URLSearchParams(form),
  });
  keep(jar, res);
  if (![...jar.keys()].some((k) => k.includes('session-token')))
    throw new Error(`sign-in failed for ${email} (${res.status})`);
  const body = res.headers.get('content-type')?.includes('json')
    ? ((await res.json()) as { url?: string })
    : {};
  return { cookie: header(jar), url: body.url ?? res.headers.get('location') };
}

/** Signs out through next-auth (its own CSRF token), as the portal's sign-out button does. */
export async function signOut(baseUrl: string, cookie: string): Promise<void> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/signout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrfToken, json: 'true' }),
  });
  if (res.status >= 400) throw new Error(`sign-out failed (${res.status})`);
}

/** What a browser sends with a portal call: the session cookie and the page's own Origin. */
export function browserHeaders(baseUrl: string, cookie: string): Record<string, string> {
  return { cookie, origin: new URL(baseUrl).origin };
}
