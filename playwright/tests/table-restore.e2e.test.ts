import AxeBuilder from '@axe-core/playwright';
import { parseStackEnv } from '@rewind/core';
import { createPlatformDb, type PlatformDbHandle } from '@rewind/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppContext, screenshot, VIEWPORTS } from '../src/browser';
import { createE2eTenant, type E2eTenant } from '../src/e2e-tenant';
import {
  connectTo,
  createRestorableInstanceWithToken,
  deleteInstance,
  tokenApi,
  until,
  type Connection,
  type RestorableInstance,
} from '../src/restorable-instance';
import { signInThroughForm } from '../src/sign-in';

// Issue 16 in the portal: a WAL event opens the time-travel console just before it (its xid,
// exclusive), and the console's page restores tables as of then, into restored_<…> or
// replacing the live table after its dependents are listed and the confirmation typed.
// The browser is in Adelaide (UTC+10:30 / +9:30): neither UTC (the instance's zone) nor this machine's.
const ZONE = 'Australia/Adelaide';

let platform: PlatformDbHandle;
let browser: Browser;
let tenant: E2eTenant;
let source: RestorableInstance;
let deleteXid = '';

interface Detail {
  window: { regions: Array<{ latest: string | null; syncedAt: string | null }> };
}
interface RestoreBody {
  tableRestore: { stagingSchema: string; state: string; into: string } | null;
}
const detail = () =>
  source.api<Detail>('GET', `/api/v1/instances/${source.id}`).then((r) => r.body);
const newestSync = async () =>
  Math.max(...(await detail()).window.regions.map((r) => Date.parse(r.syncedAt ?? '') || 0));

async function live<T>(fn: (db: Awaited<ReturnType<typeof connectTo>>) => Promise<T>): Promise<T> {
  const secret = await source.api<Connection>('POST', `/api/v1/instances/${source.id}/password`);
  const db = await connectTo(secret.body);
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
const count = (sql: string) =>
  live(
    async (db) =>
      (await db.query<{ n: string }>(`select count(*)::text as n from ${sql}`)).rows[0]!.n,
  );

beforeAll(async () => {
  const env = parseStackEnv(process.env);
  platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, { max: 1 });
  tenant = await createE2eTenant(platform.db, {
    label: 'tablerestore',
    people: { owner: 'owner' },
  });
  source = await createRestorableInstanceWithToken(tenant.people.owner!.token, tenant.slug);
  browser = await launchBrowser();
  await live(async (db) => {
    // a view and another table's foreign key depend on ledger: a replace must name both first
    await db.query(`create table ledger (id int primary key, amount int not null);
      insert into ledger select g, g % 97 from generate_series(1, 1500) g;
      create table payment (id int primary key, ledger_id int references ledger (id));
      create view ledger_total as select sum(amount) as total from ledger;`);
    const madeAt = Date.now();
    await until('a catalog sync after the tables were made', 120_000, async () =>
      (await newestSync()) > madeAt ? true : undefined,
    );
    await db.query('delete from ledger');
    const x = await db.query<{ xid: string; at: string }>(
      `select xid::text, to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from pg_last_committed_xact()`,
    );
    deleteXid = x.rows[0]!.xid;
    const deletedAt = Date.parse(x.rows[0]!.at);
    await db.query("insert into orders(note) values ('after')");
    await until('the window to pass the DELETE', 240_000, async () =>
      (await detail()).window.regions.some((w) => w.latest && Date.parse(w.latest) > deletedAt)
        ? true
        : undefined,
    );
  });
}, 900_000);

afterAll(async () => {
  try {
    const api = tokenApi(tenant.people.owner!.token);
    if (source) {
      const opened = await api<{ cloneId: string | null; reused: boolean }>(
        'POST',
        `/api/v1/instances/${source.id}/time-travel`,
        { target: { xid: deleteXid, inclusive: false } },
      );
      if (opened.body.reused && opened.body.cloneId) await deleteInstance(api, opened.body.cloneId);
      await deleteInstance(api, source.id);
    }
  } finally {
    await browser?.close();
    await platform?.close();
  }
}, 300_000);

const axe = async (page: Page) =>
  (
    await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze()
  ).violations.map((v) => `${v.id}: ${v.help}`);

/** The console just before the DELETE, reached from its WAL event; the past has the 1,500 rows. */
async function consoleBeforeDelete(page: Page): Promise<void> {
  await page.goto(`/instances/${source.id}`);
  await page.getByTestId('window-timeline').waitFor();
  await page.getByText('Find destructive statements in archived WAL').click();
  const event = page.getByTestId('wal-event').first();
  await event.waitFor({ timeout: 240_000 });
  await expect(event.textContent()).resolves.toContain('public.ledger');
  await Promise.all([
    page.waitForURL(/\/time-travel\?xid=/),
    event.getByTestId('wal-event-look-before').click(),
  ]);
  await expect(page.getByTestId('time-travel-before-xid').textContent()).resolves.toContain(
    `just before transaction ${deleteXid}`,
  );
  await expect(page.getByTestId('time-travel-at').textContent()).resolves.toContain(ZONE);
  const run = page.getByTestId('time-travel-run');
  await expect.poll(() => run.isEnabled(), { timeout: 400_000, interval: 2_000 }).toBe(true);
  await page.getByTestId('time-travel-sql').fill('select count(*) as n from ledger');
  await run.click();
  const cell = (side: string) => page.getByTestId(`${side}-table`).locator('tbody td').first();
  await page.getByTestId('time-travel-past-table').waitFor({ timeout: 60_000 });
  await page.getByTestId('time-travel-live-table').waitFor({ timeout: 60_000 });
  await expect(cell('time-travel-past').textContent()).resolves.toBe('1500');
  await expect(cell('time-travel-live').textContent()).resolves.toBe('0');
}

/** Submits the form's table restore and waits for its outcome; answers the restore's id. */
async function awaitOutcome(page: Page): Promise<string> {
  const outcome = page.getByTestId('table-restore-outcome');
  await outcome.waitFor({ timeout: 600_000 });
  await expect(outcome.textContent()).resolves.toContain('public.ledger: 1,500 rows');
  const href = await page
    .getByTestId('table-restore-progress')
    .getByRole('link', { name: /restore’s own page/ })
    .getAttribute('href');
  return href!.split('/').pop()!;
}

describe('portal: console from a WAL event, table restore', () => {
  it('desktop: "Look just before" opens the console at the DELETE’s xid; ledger as of then goes into restored_<…>, nothing else changes', async () => {
    const context = await newAppContext(browser, { viewport: VIEWPORTS.wide, timezoneId: ZONE });
    const page = await context.newPage();
    await signInThroughForm(page, tenant.people.owner!);
    await consoleBeforeDelete(page);
    await screenshot(page, 'time-travel-before-event-desktop');
    expect(await axe(page)).toEqual([]);

    const ordersBefore = await count('orders');
    // the tables are listed from the clone at T: ledger, orders, payment
    await page.getByTestId('table-restore-pick-public.ledger').check();
    await page.getByTestId('table-restore-submit').click();
    const restoreId = await awaitOutcome(page);
    await screenshot(page, 'table-restore-new-schema-desktop');
    expect(await axe(page)).toEqual([]);

    const r = await source.api<RestoreBody>('GET', `/api/v1/restores/${restoreId}`);
    expect(r.body.tableRestore).toMatchObject({ into: 'new_schema', state: 'copied' });
    const staging = r.body.tableRestore!.stagingSchema;
    expect(staging).toMatch(/^restored_\d{14}$/);
    expect(await count(`${staging}.ledger`)).toBe('1500');
    // the live tables are as they were
    expect(await count('ledger')).toBe('0');
    expect(await count('orders')).toBe(ordersBefore);
    await context.close();
  }, 1_200_000);

  it('390 px: replace lists the view and the foreign key, needs the typed confirmation, then the live ledger has its rows back', async () => {
    const context = await newAppContext(browser, { viewport: VIEWPORTS.mobile, timezoneId: ZONE });
    const page = await context.newPage();
    await signInThroughForm(page, tenant.people.owner!);
    await consoleBeforeDelete(page);
    await page.getByTestId('table-restore-pick-public.ledger').check();
    await page.getByTestId('table-restore-into-replace').check();
    await page.getByTestId('table-restore-submit').click();
    const dependents = page.getByTestId('table-restore-dependents');
    await dependents.waitFor({ timeout: 60_000 });
    const listed = await dependents.textContent();
    expect(listed).toContain('payment.payment_ledger_id_fkey references ledger');
    expect(listed).toContain('ledger_total (reads ledger)');
    const submit = page.getByTestId('table-restore-submit');
    await page.getByTestId('table-restore-confirm').fill('replace ledger');
    await expect(submit.isDisabled()).resolves.toBe(true);
    await page.getByTestId('table-restore-confirm').fill('replace public.ledger');
    await screenshot(page, 'table-restore-replace-confirm-mobile');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axe(page)).toEqual([]);

    await submit.click();
    const restoreId = await awaitOutcome(page);
    await screenshot(page, 'table-restore-replaced-mobile');
    const r = await source.api<RestoreBody>('GET', `/api/v1/restores/${restoreId}`);
    expect(r.body.tableRestore).toMatchObject({ into: 'replace', state: 'copied' });
    expect(await count('ledger')).toBe('1500');
    // the view still reads the live table (it was never dropped)
    const total = await live(
      async (db) =>
        (await db.query<{ t: string }>('select total::text as t from ledger_total')).rows[0]!.t,
    );
    expect(Number(total)).toBeGreaterThan(0);
    await context.close();
  }, 1_200_000);
});
