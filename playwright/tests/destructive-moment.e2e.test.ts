import { DEMO_USERS } from '@rewind/db/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext, screenshot, VIEWPORTS } from '../src/browser';
import {
  connectTo,
  createRestorableInstance,
  deleteInstance,
  until,
  type Connection,
  type RestorableInstance,
} from '../src/restorable-instance';
import { signInThroughForm } from '../src/sign-in';

// Issue 16 parts 1 and 4 in the portal: the WAL event list with its one button per event, and
// the clone diff on the restore page, at 1440 and 390 px.
const owner = DEMO_USERS.find((u) => u.email === 'owner@globex.test')!;
let browser: Browser;
let source: RestorableInstance;
let deleteXid = '';

interface Detail {
  window: { regions: Array<{ latest: string | null; syncedAt: string | null }> };
}
const detail = () =>
  source.api<Detail>('GET', `/api/v1/instances/${source.id}`).then((r) => r.body);
const newestSync = async () =>
  Math.max(...(await detail()).window.regions.map((r) => Date.parse(r.syncedAt ?? '') || 0));

beforeAll(async () => {
  browser = await launchBrowser();
  source = await createRestorableInstance('globex');
  const secret = await source.api<Connection>('POST', `/api/v1/instances/${source.id}/password`);
  const db = await connectTo(secret.body);
  try {
    await db.query(`create table gone (id int primary key, note text);
      insert into gone select g, 'g' || g from generate_series(1, 20) g;
      create table ledger (id int primary key, amount int not null);
      insert into ledger select g, g % 97 from generate_series(1, 1500) g;`);
    // a catalog sync sees `gone` before it is dropped: that is what names it afterwards. A
    // sync reads the names first and records its time (syncedAt) after the regions, so the
    // first sync to finish after the tables were made may have read the names before them:
    // the one after it started later
    const madeAt = Date.now();
    const firstAfter = await until(
      'a catalog sync after the tables were made',
      120_000,
      async () => {
        const at = await newestSync();
        return at > madeAt ? at : undefined;
      },
    );
    await until('the catalog sync after that one', 120_000, async () =>
      (await newestSync()) > firstAfter ? true : undefined,
    );
    await db.query('drop table gone');
    await db.query('delete from ledger');
    const x = await db.query<{ xid: string; at: string }>(
      `select xid::text, to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from pg_last_committed_xact()`,
    );
    deleteXid = x.rows[0]!.xid;
    const deletedAt = Date.parse(x.rows[0]!.at);
    // one more commit, then wait until archived WAL holds the DELETE
    await db.query("insert into orders(note) values ('after')");
    await until('the window to pass the DELETE', 240_000, async () =>
      (await detail()).window.regions.some((w) => w.latest && Date.parse(w.latest) > deletedAt)
        ? true
        : undefined,
    );
  } finally {
    await db.end();
  }
}, 900_000);

afterAll(async () => {
  try {
    if (source) await deleteInstance(source.api, source.id);
  } finally {
    await browser?.close();
    await source?.close();
  }
}, 180_000);

async function listEvents(page: Page) {
  await page.goto(`/instances/${source.id}`);
  await page.getByTestId('window-timeline').waitFor();
  await page.getByText('Find destructive statements in archived WAL').click();
  await page.getByTestId('wal-event').first().waitFor({ timeout: 240_000 });
}

describe('portal: name the destructive moment, diff before trusting the clone', () => {
  it('lists the DROP and the DELETE by name; one button fills the restore panel; the clone diff shows the 1,500 rows', async () => {
    const context = await newAppContext(browser, { viewport: VIEWPORTS.wide });
    const page = await context.newPage();
    await signInThroughForm(page, owner);
    await listEvents(page);
    const items = page.getByTestId('wal-event');
    const texts = await items.allTextContents();
    expect(texts[0]).toContain('DELETE of 1,500 rows');
    expect(texts[0]).toContain('public.ledger');
    expect(texts[0]).toContain(`xid ${deleteXid}`);
    expect(texts[1]).toContain('DROP TABLE');
    expect(texts[1]).toContain('public.gone');
    await screenshot(page, 'portal-wal-events-desktop');

    await items.first().getByTestId('wal-event-restore-before').click();
    expect(await page.getByTestId('pitr-utc').textContent()).toContain(
      `xid ${deleteXid}, exclusive`,
    );
    await page.getByTestId('preflight-ok').waitFor({ timeout: 60_000 });
    await page.getByTestId('restore-button').click();
    await page.getByTestId('restore-confirm').waitFor();
    await Promise.all([
      page.waitForURL(/\/restores\/[0-9a-f-]{36}$/),
      page.getByTestId('restore-confirm-button').click(),
    ]);
    const restoreId = new URL(page.url()).pathname.split('/').pop()!;
    await page
      .locator('[data-testid="restore-status"] [data-status="succeeded"]')
      .waitFor({ timeout: 280_000 });
    const cloneId = (
      await source.api<{ result: { instanceId: string } }>('GET', `/api/v1/restores/${restoreId}`)
    ).body.result.instanceId;
    try {
      await page.getByTestId('clone-diff').getByRole('button', { name: 'Compare tables' }).click();
      const table = page.getByTestId('clone-diff-table');
      await table.waitFor({ timeout: 120_000 });
      const ledger = table.locator('tr', { hasText: 'public.ledger' });
      // clone 1,500 · source 0 · only in the clone 1,500 · only in the source 0 · changed 0
      expect(
        await ledger.locator('td').evaluateAll((tds) => tds.slice(1).map((td) => td.textContent)),
      ).toEqual(['1,500', '0', '1,500', '0', '0']);
      await page.getByTestId('clone-diff-csv').waitFor();
      await screenshot(page, 'portal-clone-diff-desktop');

      const phone = await newAppContext(browser, { viewport: VIEWPORTS.mobile });
      const small = await phone.newPage();
      await signInThroughForm(small, owner);
      await listEvents(small);
      await screenshot(small, 'portal-wal-events-mobile');
      await small.goto(`/restores/${restoreId}`);
      await small.getByTestId('clone-diff').getByRole('button', { name: 'Compare tables' }).click();
      await small.getByTestId('clone-diff-table').waitFor({ timeout: 120_000 });
      await screenshot(small, 'portal-clone-diff-mobile');
      const overflow = await small.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.close();
    } finally {
      await source.api('DELETE', `/api/v1/instances/${cloneId}`);
      await until('the clone to go', 120_000, async () =>
        (await source.api('GET', `/api/v1/instances/${cloneId}`)).status === 404 ? true : undefined,
      );
      await context.close();
    }
  }, 900_000);
});
