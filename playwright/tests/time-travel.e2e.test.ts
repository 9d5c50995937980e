import AxeBuilder from '@axe-core/playwright';
import { parseStackEnv } from '@rewind/core';
import { createPlatformDb, type PlatformDbHandle } from '@rewind/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext, screenshot, VIEWPORTS } from '../src/browser';
import { createE2eTenant, type E2eTenant } from '../src/e2e-tenant';
import {
  createRestorableInstanceWithToken,
  deleteInstance,
  tokenApi,
  type RestorableInstance,
} from '../src/restorable-instance';
import { signInThroughForm } from '../src/sign-in';

// neither UTC (the instances' zone) nor this machine's
const ZONE = 'America/Sao_Paulo';
const SIZES = { desktop: { width: 1440, height: 900 }, mobile: VIEWPORTS.mobile } as const;

let platform: PlatformDbHandle;
let browser: Browser;
let tenant: E2eTenant;
let source: RestorableInstance;

beforeAll(async () => {
  const env = parseStackEnv(process.env);
  platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, { max: 1 });
  tenant = await createE2eTenant(platform.db, { label: 'timetravel', people: { owner: 'owner' } });
  source = await createRestorableInstanceWithToken(tenant.people.owner!.token, tenant.slug);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  try {
    const api = tokenApi(tenant.people.owner!.token);
    if (source) {
      // the console's clone at T, found again (drills' clones go with their own TTL)
      const opened = await api<{ cloneId: string | null; reused: boolean }>(
        'POST',
        `/api/v1/instances/${source.id}/time-travel`,
        { target: { time: source.rowsCommittedAt } },
      );
      if (opened.body.reused && opened.body.cloneId) await deleteInstance(api, opened.body.cloneId);
      await deleteInstance(api, source.id);
    }
  } finally {
    await browser?.close();
    await platform?.close();
  }
}, 300_000);

/** Opens the console at T, runs the orders query on the past and live side by side. */
async function runConsole(page: Page): Promise<void> {
  await page.goto(
    `/instances/${source.id}/time-travel?at=${encodeURIComponent(source.rowsCommittedAt)}`,
  );
  await page.getByTestId('time-travel').waitFor();
  await expect(page.getByTestId('time-travel-at').textContent()).resolves.toContain(ZONE);
  const run = page.getByTestId('time-travel-run');
  await expect.poll(() => run.isEnabled(), { timeout: 400_000, interval: 2_000 }).toBe(true);
  await page.getByTestId('time-travel-sql').fill('select id, note from orders order by id');
  await run.click();
  const past = page.getByTestId('time-travel-past-table');
  const live = page.getByTestId('time-travel-live-table');
  await past.waitFor({ timeout: 60_000 });
  await live.waitFor({ timeout: 60_000 });
  const pastNotes = await past.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(pastNotes).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  const liveNotes = await live.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(liveNotes).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'tail']);
}

describe('portal: the time-travel console', () => {
  it.each(Object.entries(SIZES))(
    '%s, browser in São Paulo: results as of T beside live, no axe violation',
    async (size, viewport) => {
      const context = await newAppContext(browser, { viewport, timezoneId: ZONE });
      const page = await context.newPage();
      await signInThroughForm(page, tenant.people.owner!);
      await runConsole(page);
      await screenshot(page, `time-travel-console-${size}`);
      const axe = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await context.close();
    },
    500_000,
  );
});
