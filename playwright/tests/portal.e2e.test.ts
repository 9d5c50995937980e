import { DEMO_TENANTS, DEMO_USERS } from '@rewind/db/seed';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext, screenshot, VIEWPORTS } from '../src/browser';
import { signInThroughForm } from '../src/sign-in';

// The demo people come from the seeder (npm test runs `seed.ts --demo` before vitest).
function demoUser(email: string) {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email} in @rewind/db/seed`);
  return user;
}
const acmeOwner = demoUser('owner@acme.test');
const acmeMember = demoUser('member@acme.test');
const platformAdmin = DEMO_USERS.find((u) => u.tenant === null)!;
const acmeName = DEMO_TENANTS.find((t) => t.slug === 'acme')!.name;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('portal', () => {
  it('sends a signed-out visitor to the sign-in page', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.getByRole('heading', { name: 'Sign in to Rewind' }).waitFor();
    await screenshot(page, 'signin-desktop');
    await context.close();
  });

  it('refuses a wrong password with a message', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await page.goto('/signin');
    // an unknown address: failures count towards the per-email rate limit, keep them off real people
    await page.getByLabel('Email').fill(`nobody-${Date.now()}@acme.test`);
    await page.getByLabel('Password').fill('definitely-not-it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signin-error').textContent()).resolves.toMatch(/wrong email or password/i);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await context.close();
  });

  it('signs the demo owner in and shows the tenant and its instances', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, acmeOwner);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    await expect(page.getByTestId('tenant-name').or(page.getByTestId('tenant-switcher')).first().textContent()).resolves.toContain(
      acmeName,
    );
    // the list settles into either the table or the empty state, never stays loading
    await page.getByTestId('instances-list').or(page.getByTestId('instances-empty')).first().waitFor();
    await page.getByTestId('create-instance-form').waitFor();
    await screenshot(page, 'portal-home-desktop');

    await page.setViewportSize(VIEWPORTS.mobile);
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'portal-home-mobile');
    await context.close();
  });

  it('hides the admin console from tenant users and shows it to platform admins', async () => {
    const member = await newAppContext(browser);
    const memberPage = await member.newPage();
    await signInThroughForm(memberPage, acmeMember);
    const res = await memberPage.goto('/admin');
    expect(res?.status()).toBe(404);
    await member.close();

    const admin = await newAppContext(browser);
    const adminPage = await admin.newPage();
    await signInThroughForm(adminPage, platformAdmin);
    const ok = await adminPage.goto('/admin');
    expect(ok?.status()).toBe(200);
    await adminPage.getByTestId('admin-tenants').waitFor();
    await expect(adminPage.getByTestId('admin-tenants').textContent()).resolves.toContain(acmeName);
    await screenshot(adminPage, 'admin-desktop');
    await admin.close();
  });
});
