import { parseStackEnv } from '@rewind/core';
import {
  createInstanceRecord,
  createPlatformDb,
  inTenantTx,
  raiseAlert,
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
 * them from a real condition.
 */
const env = parseStackEnv(process.env);
const admin = DEMO_USERS.find((u) => u.tenant === null)!;
let platform: PlatformDbHandle;
let browser: Browser;
let tenant: ScratchTenant;
let summary: string;

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
  await raiseAlert(platform.db, {
    tenantId: tenant.id,
    instanceId: instance.id,
    key: `instance:${instance.id}:geo_check_red`,
    kind: 'geo_check_red',
    summary,
    detail: { segment: '000000010000000000000007' },
  });
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
});
