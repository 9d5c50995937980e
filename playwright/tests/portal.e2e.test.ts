import { parseStackEnv } from '@rewind/core';
import {
  createInstanceRecord,
  createPlatformDb,
  inTenantTx,
  type PlatformDbHandle,
} from '@rewind/db';
import { DEMO_TENANTS, DEMO_USERS } from '@rewind/db/seed';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext, screenshot, VIEWPORTS } from '../src/browser';
import { createE2eTenant } from '../src/e2e-tenant';
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
    await expect(page.getByTestId('signin-error').textContent()).resolves.toMatch(
      /wrong email or password/i,
    );
    expect(new URL(page.url()).pathname).toBe('/signin');
    await context.close();
  });

  it('signs the demo owner in and shows the tenant and its instances', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, acmeOwner);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    await expect(
      page.getByTestId('tenant-name').or(page.getByTestId('tenant-switcher')).first().textContent(),
    ).resolves.toContain(acmeName);
    // the list settles into either the table or the empty state, never stays loading
    await page
      .getByTestId('instances-list')
      .or(page.getByTestId('instances-empty'))
      .first()
      .waitFor();
    await page.getByTestId('create-instance-form').waitFor();
    await screenshot(page, 'portal-home-desktop');

    await page.setViewportSize(VIEWPORTS.mobile);
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
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

describe('portal: validation queries', () => {
  let platform: PlatformDbHandle;
  let instanceId: string | undefined;

  afterAll(async () => {
    // a record only (never provisioned): nothing runs for it, so marking it deleted is the whole cleanup
    if (instanceId)
      await platform.pool.query(`update instances set status = 'deleted' where id = $1`, [
        instanceId,
      ]);
    await platform?.close();
  });

  it('an owner adds one (a write is refused with the reason), members only read, delete asks first; keyboard and 390 px work', async () => {
    const env = parseStackEnv(process.env);
    platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
      max: 1,
      applicationName: 'rewind-e2e-validation',
    });
    const tenant = await createE2eTenant(platform.db, {
      label: 'vq',
      people: { owner: 'owner', member: 'member' },
    });
    // the card needs an instance, not a running PostgreSQL: a record, shown as stopped
    const row = await inTenantTx(platform.db, { tenantId: tenant.id }, (tx) =>
      createInstanceRecord(tx, {
        tenantId: tenant.id,
        name: 'orders',
        secretKey: env.REWIND_SECRET_KEY,
        hostId: env.REWIND_HOST_ID,
      }),
    );
    instanceId = row.id;
    await platform.pool.query(`update instances set status = 'stopped' where id = $1`, [row.id]);

    const context = await newAppContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, tenant.people.owner!);
    await page.goto(`/instances/${row.id}`);
    const card = page.getByTestId('validation-queries-card');
    await card.getByTestId('validation-empty').waitFor();
    await expect(card.getByTestId('validation-count').textContent()).resolves.toBe('0 of 20');

    // keyboard: name → expectation → SQL → Add, in that order
    const name = card.getByLabel('Name');
    await name.focus();
    await page.keyboard.type('orders exist');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'validation-expectation-select',
    );
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'validation-sql',
    );
    await page.keyboard.type('delete from orders');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'validation-add',
    );
    await page.keyboard.press('Enter');
    await expect(card.getByTestId('validation-error').textContent()).resolves.toMatch(
      /read-only query starting with SELECT.*not DELETE/,
    );

    await card.getByTestId('validation-sql').fill('select count(*) from orders');
    await card.getByTestId('validation-add').click();
    const item = card.getByTestId('validation-query');
    await item.waitFor();
    await expect(item.getAttribute('data-name')).resolves.toBe('orders exist');
    await expect(item.locator('pre').textContent()).resolves.toBe('select count(*) from orders');
    await expect(item.getByTestId('validation-expectation').textContent()).resolves.toBe(
      'expects count above 0',
    );
    await expect(card.getByTestId('validation-count').textContent()).resolves.toBe('1 of 20');
    // the form is ready for the next one, and the error is gone
    await expect(name.inputValue()).resolves.toBe('');
    expect(await card.getByTestId('validation-error').count()).toBe(0);

    await card.getByLabel('Name').fill('no nope rows');
    await card.getByLabel('Passes when it').selectOption('zero_rows');
    await card.getByTestId('validation-sql').fill("select *\nfrom orders\nwhere note = 'nope'");
    await card.getByTestId('validation-add').click();
    await expect
      .poll(() => card.getByTestId('validation-query').count(), { timeout: 30_000 })
      .toBe(2);
    await screenshot(page, 'portal-validation-queries-desktop');

    await page.setViewportSize(VIEWPORTS.mobile);
    await card.getByTestId('validation-list').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'portal-validation-queries-mobile');
    await page.setViewportSize(VIEWPORTS.desktop);

    // a member sees the queries, but neither the form nor delete
    const memberContext = await newAppContext(browser);
    const memberPage = await memberContext.newPage();
    await signInThroughForm(memberPage, tenant.people.member!);
    await memberPage.goto(`/instances/${row.id}`);
    const memberCard = memberPage.getByTestId('validation-queries-card');
    await expect
      .poll(() => memberCard.getByTestId('validation-query').count(), { timeout: 30_000 })
      .toBe(2);
    expect(await memberCard.getByTestId('validation-form').count()).toBe(0);
    expect(await memberCard.getByTestId('validation-delete').count()).toBe(0);
    await memberContext.close();

    // delete asks first: Keep it changes nothing, Delete query removes it
    await card.getByRole('button', { name: 'Delete validation query orders exist' }).click();
    const dialog = page.getByTestId('validation-delete-dialog');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    expect(await card.getByTestId('validation-query').count()).toBe(2);
    await card.getByRole('button', { name: 'Delete validation query orders exist' }).click();
    await dialog.getByTestId('validation-delete-confirm').click();
    await expect
      .poll(() => card.getByTestId('validation-query').count(), { timeout: 30_000 })
      .toBe(1);
    await expect(card.getByTestId('validation-query').getAttribute('data-name')).resolves.toBe(
      'no nope rows',
    );
    await context.close();
  });
});
