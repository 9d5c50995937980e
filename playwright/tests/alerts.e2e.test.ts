import { decryptSecret, parseStackEnv } from '@rewind/core';
import {
  createAlertDelivery,
  createInstanceRecord,
  createPlatformDb,
  inTenantTx,
  listAlertWebhooks,
  raiseAlert,
  recordAlertDeliveryAttempt,
  type PlatformDbHandle,
} from '@rewind/db';
import { DEMO_USERS } from '@rewind/db/seed';
import { createScratchTenant, type ScratchTenant } from '@rewind/db/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, VIEWPORTS } from '../src/browser';
import { signInThroughForm } from '../src/sign-in';

/**
 * The alert lists a person sees: the admin's (every tenant and the fleet) and the tenant's own,
 * on a desktop and a 390 px phone, in a browser zone that is not UTC. The alert rows are raised
 * through the one entry point the conditions use (raiseAlert); the worker's alerts test raises
 * them from a real condition. An owner manages the tenant's webhooks on the same page; the
 * delivery row is recorded with the operations the deliverAlert workflow uses (the worker's alerts
 * test delivers for real, to a local receiver).
 */
const env = parseStackEnv(process.env);
const admin = DEMO_USERS.find((u) => u.tenant === null)!;
let platform: PlatformDbHandle;
let browser: Browser;
let tenant: ScratchTenant;
let summary: string;
let alertId: string;

beforeAll(async () => {
  platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, { max: 2 });
  tenant = await createScratchTenant(platform.db, 'alerts-e2e');
  const instance = await inTenantTx(platform.db, { tenantId: tenant.id }, (tx) =>
    createInstanceRecord(tx, {
      tenantId: tenant.id,
      name: 'orders',
      secretKey: env.REWIND_SECRET_KEY,
      hostId: env.REWIND_HOST_ID,
    }),
  );
  summary = `orders: region B lacks 1 segment(s) and 0 backup(s) region A holds`;
  const { alert } = await raiseAlert(platform.db, {
    tenantId: tenant.id,
    instanceId: instance.id,
    key: `instance:${instance.id}:geo_check_red`,
    kind: 'geo_check_red',
    summary,
    detail: { segment: '000000010000000000000007' },
  });
  alertId = alert.id;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

describe('alert lists', () => {
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    it(`admin and tenant lists on ${label}`, async () => {
      for (const who of ['admin', 'tenant'] as const) {
        const context = await browser.newContext({
          baseURL: env.WEB_URL,
          viewport,
          timezoneId: 'America/New_York',
        });
        const page = await context.newPage();
        await signInThroughForm(
          page,
          who === 'admin'
            ? admin
            : { email: tenant.people.owner.email, password: tenant.people.owner.password },
        );
        await page.goto(who === 'admin' ? '/admin/alerts' : '/alerts');
        const item = page
          .locator('[data-alert-kind="geo_check_red"]', { hasText: summary })
          .first();
        await item.waitFor();
        expect(await item.getAttribute('data-alert-status')).toBe('open');
        // times are in the browser's zone, not UTC
        expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
          'America/New_York',
        );
        await screenshot(page, `alerts-${who}-${label}`);
        await context.close();
      }
    }, 120_000);
  }

  it('an owner adds a webhook (its secret shown once), reads the delivery log, and deletes it', async () => {
    const owner = { email: tenant.people.owner.email, password: tenant.people.owner.password };
    const open = async (viewport: (typeof VIEWPORTS)[keyof typeof VIEWPORTS]) => {
      const context = await browser.newContext({
        baseURL: env.WEB_URL,
        viewport,
        timezoneId: 'America/New_York',
      });
      const page = await context.newPage();
      await signInThroughForm(page, owner);
      await page.goto('/alerts');
      return { context, page };
    };
    // nothing listens on port 9: no alert of this tenant is delivered during the test anyway
    const url = 'http://127.0.0.1:9/rewind-e2e';
    const { context, page } = await open(VIEWPORTS.wide);
    await page.getByLabel('Webhook URL').fill(url);
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const row = page.locator('[data-webhook-id]', { hasText: url });
    await row.waitFor();
    await screenshot(page, 'alerts-webhook-created-wide');
    // the secret shown is the one deliveries are signed with
    const [stored] = await inTenantTx(platform.db, { tenantId: tenant.id }, (tx) =>
      listAlertWebhooks(tx, tenant.id),
    );
    expect(stored!.url).toBe(url);
    expect(decryptSecret(stored!.secretEnc, env.REWIND_SECRET_KEY)).toBe(secret);

    // one delivery of the open alert, after a retry, as the workflow records it
    await inTenantTx(platform.db, { tenantId: tenant.id }, async (tx) => {
      const d = await createAlertDelivery(tx, {
        tenantId: tenant.id,
        webhookId: stored!.id,
        alertId,
        event: 'opened',
      });
      await recordAlertDeliveryAttempt(tx, tenant.id, d.id, {
        status: 'delivered',
        attempts: 2,
        responseCode: 200,
        error: null,
      });
    });
    await page.reload();
    const delivered = page.locator('[data-delivery-status="delivered"]', { hasText: summary });
    await delivered.waitFor();
    expect(await delivered.textContent()).toContain(`to ${url} · 2 attempts · answered 200`);
    // shown once: after a reload the secret is nowhere on the page
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'alerts-webhooks-wide');

    const phone = await open(VIEWPORTS.mobile);
    await phone.page.locator('[data-delivery-status="delivered"]', { hasText: summary }).waitFor();
    await screenshot(phone.page, 'alerts-webhooks-mobile');
    await phone.context.close();

    await row.getByRole('button', { name: `Delete webhook ${url}` }).click();
    await page.getByText('No webhooks yet.').waitFor();
    // its log stays, marked deleted
    await page.reload();
    await page
      .locator('[data-delivery-status="delivered"]', { hasText: `to ${url} (deleted)` })
      .waitFor();
    await context.close();
  }, 120_000);
});
