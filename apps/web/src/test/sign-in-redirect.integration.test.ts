import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchTenant, type ScratchTenant } from '@rewind/db/testing';
import { signIn, signInFlow } from './session';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/** After sign-in a person goes back to where they were, and never to another origin. */
let f: StackFixtures;
let t: ScratchTenant;
let cookie: string;

// Raw query values as an attacker writes them in a link (the page sees them decoded once).
const bypasses = [
  '/%5Cevil.example/',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0d%0a/evil.example',
  '//evil.example',
  '/%2F%2Fevil.example',
  '/%5C%5Cevil.example',
  '%5C%5Cevil.example',
  '/.//evil.example',
  'https://evil.example',
  'https:evil.example',
  'javascript:alert(document.cookie)',
  '%20//evil.example',
];

/** Where a Location header or a returned url sends a browser. */
const landing = (value: string | null) => new URL(value ?? '', f.baseUrl);

beforeAll(async () => {
  f = await stackFixtures();
  t = await createScratchTenant(f.platform.db, 'redirect');
  cookie = await signIn(f.baseUrl, t.people.member.email, t.people.member.password);
});
afterAll(async () => {
  await f?.close();
});

describe('callbackUrl after sign-in', () => {
  it.each(bypasses)('signed in, /signin?callbackUrl=%s stays on the own origin', async (raw) => {
    const res = await fetch(`${f.baseUrl}/signin?callbackUrl=${raw}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect([303, 307, 308]).toContain(res.status);
    const to = landing(res.headers.get('location'));
    expect(to.origin).toBe(new URL(f.baseUrl).origin);
    expect(to.pathname.startsWith('//')).toBe(false);
  });

  it.each(bypasses)(
    'next-auth sign-in answer for callbackUrl=%s stays on the own origin',
    async (raw) => {
      const { url } = await signInFlow(
        f.baseUrl,
        t.people.member.email,
        t.people.member.password,
        decodeURIComponent(raw),
      );
      expect(landing(url).origin).toBe(new URL(f.baseUrl).origin);
    },
  );

  it('a same-origin path is kept', async () => {
    const res = await fetch(
      `${f.baseUrl}/signin?callbackUrl=${encodeURIComponent('/settings?tab=members')}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(landing(res.headers.get('location')).href).toBe(
      new URL('/settings?tab=members', f.baseUrl).href,
    );
    const { url } = await signInFlow(
      f.baseUrl,
      t.people.member.email,
      t.people.member.password,
      '/settings',
    );
    expect(landing(url).href).toBe(new URL('/settings', f.baseUrl).href);
  });
});
