import { DEMO_USERS } from '@rewind/db/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext, screenshot, VIEWPORTS } from '../src/browser';
import {
  connectTo,
  createRestorableInstance,
  deleteInstance,
  type Connection,
  type RestorableInstance,
} from '../src/restorable-instance';
import { signInThroughForm } from '../src/sign-in';

function demoUser(email: string) {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email} in @rewind/db/seed`);
  return user;
}
// globex's plan archives WAL every 15 s: the window reaches fresh rows soonest
const globexOwner = demoUser('owner@globex.test');
const globexMember = demoUser('member@globex.test');
const acmeOwner = demoUser('owner@acme.test');

let browser: Browser;
let source: RestorableInstance;
/** the clone restore of the first test: another tenant must not open its page either */
let restoreId: string | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  source = await createRestorableInstance('globex');
}, 600_000);

afterAll(async () => {
  try {
    // the source goes (its clones expire with their restore's TTL; clones cannot be deleted on their own)
    if (source) await deleteInstance(source.api, source.id);
  } finally {
    await browser?.close();
    await source?.close();
  }
}, 180_000);

async function openInstance(page: Page) {
  await page.goto(`/instances/${source.id}`);
  await page.getByTestId('instance-name').waitFor();
  await page.getByTestId('window-timeline').waitFor();
}

/** Clicks the timeline near the right end of region A's band: inside the window, after the rows. */
async function clickTimelineNearLatest(page: Page) {
  const band = page.getByTestId('timeline-region-region-a').locator('div').first();
  const box = (await band.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2);
  await page.getByTestId('timeline-hover').waitFor();
  await page.mouse.click(box.x + box.width * 0.97, box.y + box.height / 2);
}

describe('portal: point-in-time restore', () => {
  it('owner picks a second on the timeline, sees pre-flight, restores as clone, and connects to the result', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, globexOwner);
    await openInstance(page);
    await screenshot(page, 'portal-instance-desktop');

    await expect(page.getByTestId('restore-button').isDisabled()).resolves.toBe(true);
    await clickTimelineNearLatest(page);
    const sent = (await page.getByTestId('pitr-utc').textContent()) ?? '';
    const picked = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)/.exec(sent)?.[1];
    expect(picked, sent).toBeDefined();
    expect(Date.parse(picked!)).toBeGreaterThanOrEqual(Date.parse(source.rowsCommittedAt) - 999);

    await page.getByTestId('preflight-ok').waitFor();
    await expect(page.getByTestId('preflight-target').textContent()).resolves.toContain(
      picked!.slice(0, 19),
    );
    await page.getByTestId('restore-button').click();
    const dialog = page.getByTestId('restore-confirm');
    await dialog.waitFor();
    await expect(page.getByTestId('restore-confirm-utc').textContent()).resolves.toContain(
      picked!.slice(0, 10),
    );
    await expect(page.getByTestId('restore-confirm-utc').textContent()).resolves.toContain(
      picked!.slice(11, 19),
    );
    await screenshot(page, 'portal-restore-confirm');
    await Promise.all([
      page.waitForURL(/\/restores\/[0-9a-f-]{36}$/),
      page.getByTestId('restore-confirm-button').click(),
    ]);
    restoreId = new URL(page.url()).pathname.split('/').pop();

    await page.getByTestId('restore-progress').waitFor();
    await screenshot(page, 'portal-restore-progress');
    await page
      .locator('[data-testid="restore-status"] [data-status="succeeded"]')
      .waitFor({ timeout: 280_000 });
    await page.getByTestId('restore-verified').waitFor();
    await page.getByTestId('integrity-report').waitFor();
    await page.getByTestId('restore-result').getByTestId('connection-port').waitFor();
    await page.getByTestId('restore-result').getByRole('button', { name: 'Reveal' }).click();
    await screenshot(page, 'portal-restore-done');

    const result = page.getByTestId('restore-result');
    const text = async (id: string) => ((await result.getByTestId(id).textContent()) ?? '').trim();
    const conn: Connection = {
      host: await text('connection-host'),
      port: Number(await text('connection-port')),
      database: await text('connection-database'),
      user: await text('connection-user'),
      password: await text('connection-password'),
    };
    const clone = await connectTo(conn);
    try {
      const rows = await clone.query<{ note: string }>('select note from orders order by id');
      expect(rows.rows.map((r) => r.note).slice(0, 5)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    } finally {
      await clone.end();
    }
    await context.close();
  });

  it('refuses a naive or out-of-window time in the picker with the server reason', async () => {
    const context = await newAppContext(browser);
    const page = await context.newPage();
    await signInThroughForm(page, globexOwner);
    await openInstance(page);

    await page.getByTestId('pitr-paste').fill('2026-01-01 12:00:00');
    await page.getByTestId('pitr-paste-use').click();
    await page.getByTestId('preflight-refused').waitFor();
    await expect(page.getByTestId('preflight-reason').textContent()).resolves.toMatch(
      /no UTC offset/i,
    );
    await expect(page.getByTestId('restore-button').isDisabled()).resolves.toBe(true);

    await page.getByTestId('zone-utc').click();
    await page.getByTestId('pitr-date').fill('2020-01-01');
    await page.getByTestId('pitr-time').fill('00:00:00');
    await page.getByTestId('preflight-refused').waitFor();
    await expect(page.getByTestId('pitr-utc').textContent()).resolves.toContain(
      '2020-01-01T00:00:00Z',
    );
    await expect(page.getByTestId('preflight-reason').textContent()).resolves.toMatch(
      /before the restorable window/i,
    );
    await expect(page.getByTestId('restore-button').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'portal-preflight-refused');

    await page.setViewportSize(VIEWPORTS.mobile);
    await page.getByTestId('window-timeline').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'portal-instance-mobile');
    await context.close();
  });

  it('a member sees the instance but no restore button; another tenant gets a 404 page', async () => {
    const member = await newAppContext(browser);
    const page = await member.newPage();
    await signInThroughForm(page, globexMember);
    await page.getByTestId('instances-list').getByText(source.name, { exact: true }).waitFor();
    await openInstance(page);
    await page.getByTestId('restore-not-allowed').waitFor();
    await expect(page.getByTestId('restore-button').count()).resolves.toBe(0);
    await member.close();

    const other = await newAppContext(browser);
    const otherPage = await other.newPage();
    await signInThroughForm(otherPage, acmeOwner);
    // the server answers a real 404, exactly as for an id that does not exist or is malformed
    const res = await otherPage.goto(`/instances/${source.id}`);
    expect(res?.status()).toBe(404);
    await otherPage.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expect(otherPage.content()).resolves.not.toContain(source.name);
    await screenshot(otherPage, 'portal-other-tenant-not-found');
    if (restoreId) expect((await otherPage.goto(`/restores/${restoreId}`))?.status()).toBe(404);
    for (const path of [
      '/instances/00000000-0000-4000-8000-000000000000',
      '/instances/not-a-uuid',
      '/restores/not-a-uuid',
    ]) {
      expect((await otherPage.goto(path))?.status(), path).toBe(404);
    }
    await other.close();
  });
});
