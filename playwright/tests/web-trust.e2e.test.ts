import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseStackEnv } from '@rewind/core';
import {
  createInstanceRecord,
  createPlatformDb,
  instances,
  inTenantTx,
  memberships,
  type PlatformDbHandle,
} from '@rewind/db';
import { findRow, findRows } from '@rewind/db/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext } from '../src/browser';
import { createE2eTenant, type E2eTenant } from '../src/e2e-tenant';
import { signInThroughForm } from '../src/sign-in';

/**
 * The web/auth holes of issue 12 with a real Chromium: a same-site page on another port
 * forging a write with the session cookie, the open redirect after sign-in, invitations
 * accepted by the invitee, and a cookie that outlives its sign-out.
 */
const env = parseStackEnv(process.env);
const appOrigin = new URL(env.WEB_URL).origin;
let browser: Browser;
let platform: PlatformDbHandle;
let host: E2eTenant;
let home: E2eTenant;
let attacker: Server;
let attackerOrigin: string;

beforeAll(async () => {
  browser = await launchBrowser();
  platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 2,
    applicationName: 'rewind-e2e',
  });
  host = await createE2eTenant(platform.db, { label: 'trust-host', people: { owner: 'owner' } });
  home = await createE2eTenant(platform.db, {
    label: 'trust-home',
    people: { owner: 'owner', member: 'member' },
  });
  // The attacker's page: same host name as the app (same site), another port (another origin).
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>cat pictures</title>');
  });
  await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
  attackerOrigin = `http://${new URL(env.WEB_URL).hostname}:${(attacker.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await platform?.close();
  await new Promise((done) => attacker?.close(done));
});

describe('web trust (browser)', () => {
  it("a same-site page on another port cannot stop an instance with the owner's cookie", async () => {
    const instance = await inTenantTx(platform.db, { tenantId: host.id }, (tx) =>
      createInstanceRecord(tx, {
        tenantId: host.id,
        name: 'csrf-e2e',
        secretKey: env.REWIND_SECRET_KEY,
        hostId: env.REWIND_HOST_ID,
      }),
    );
    const status = async () => (await findRow(platform.db, instances, { id: instance.id })).status;
    const before = await status();
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, host.people.owner!);
    await page.goto(`${attackerOrigin}/`);
    const seen = page.waitForResponse((r) =>
      r.url().endsWith(`/api/v1/instances/${instance.id}/stop`),
    );
    await page.evaluate(
      (url) =>
        fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include' }).then(
          () => undefined,
          () => undefined,
        ),
      `${appOrigin}/api/v1/instances/${instance.id}/stop`,
    );
    const response = await seen;
    // 403, not 401: Chromium sent the session cookie (same site), and the app refused the origin.
    expect(response.status()).toBe(403);
    expect(await status()).toBe(before);
    await context.close();
  });

  it('after sign-in a crafted callbackUrl never leaves the origin', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await page.goto('/signin?callbackUrl=/%09/evil.example');
    const form = page.getByTestId('signin-form');
    await form.getByLabel('Email').fill(home.people.member!.email);
    await form.getByLabel('Password').fill(home.people.member!.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
    expect(new URL(page.url()).origin).toBe(appOrigin);
    for (const crafted of ['/%5Cevil.example/', '/.//evil.example', '//evil.example']) {
      await page.goto(`/signin?callbackUrl=${crafted}`).catch(() => undefined);
      expect(new URL(page.url()).origin).toBe(appOrigin);
    }
    await context.close();
  });

  it('an invitation is accepted by the invitee in the portal; their default tenant stays', async () => {
    const owner = await newAppContext(browser);
    const ownerPage = await owner.newPage();
    await signInThroughForm(ownerPage, host.people.owner!);
    await ownerPage.goto('/settings');
    const card = ownerPage.getByTestId('members-card');
    await card.getByPlaceholder('person@example.com').fill(home.people.owner!.email);
    await card.getByRole('button', { name: 'Invite' }).click();
    const link = (await card.getByTestId('invitation-link').locator('code').textContent())!;
    expect(link).toContain('/invitations/rwi_');
    expect(
      await findRows(platform.db, memberships, { userId: home.people.owner!.id }),
    ).toHaveLength(1);

    const invitee = await newAppContext(browser);
    const page = await invitee.newPage();
    await page.goto(new URL(link).pathname);
    expect(new URL(page.url()).pathname).toBe('/signin');
    const form = page.getByTestId('signin-form');
    await form.getByLabel('Email').fill(home.people.owner!.email);
    await form.getByLabel('Password').fill(home.people.owner!.password);
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith('/invitations/')),
      form.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await page.getByTestId('invitation').getByText(host.name).first().waitFor();
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/'),
      page.getByTestId('accept-invitation').click(),
    ]);
    await page.getByTestId('tenant-switcher').waitFor();
    const me = (await (await page.request.get('/api/v1/me')).json()) as { tenant: { id: string } };
    expect(me.tenant.id).toBe(home.id);
    await owner.close();
    await invitee.close();
  });

  it('signing out ends the session: the old cookie no longer opens the portal', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, home.people.member!);
    const stolen = await context.cookies();
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/signin'),
      page.getByRole('button', { name: 'Sign out' }).click(),
    ]);
    const thief = await newAppContext(browser);
    await thief.addCookies(stolen);
    const res = await thief.request.get('/api/v1/me');
    expect(res.status()).toBe(401);
    const thiefPage = await thief.newPage();
    await thiefPage.goto('/settings');
    expect(new URL(thiefPage.url()).pathname).toBe('/signin');
    await context.close();
    await thief.close();
  });
});
