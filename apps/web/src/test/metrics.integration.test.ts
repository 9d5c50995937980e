import { randomBytes } from 'node:crypto';
import { listTenants } from '@rewind/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, restorableInstance, sample, until, type MetricsApi } from './metrics-instance';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * /metrics on the web (public port: bearer token) and on the worker (loopback port, same
 * token): every SLI of issue 13 is there, the fleet gauges per region, the worker's counters
 * after one real clone restore, and no tenant's id, slug or name anywhere in the text.
 */
const METRICS = [
  'rewind_restores_total',
  'rewind_restore_phase_duration_seconds',
  'rewind_restore_lead_time_seconds',
  'rewind_restore_approval_wait_seconds',
  'rewind_recovery_point_age_seconds',
  'rewind_recovery_point_age_max_seconds',
  'rewind_archive_lag_seconds',
  'rewind_archive_lag_over_bound_instances',
  'rewind_restore_checks_total',
  'rewind_wal_coverage_ratio',
  'rewind_drill_pass_ratio',
  'rewind_drills_total',
  'rewind_drills_recent',
  'rewind_restored_bytes_total',
  'rewind_restored_seconds_total',
  'rewind_backup_age_seconds',
  'rewind_fleet_read_ok',
];

let f: StackFixtures;
let owner: MetricsApi;
let instanceId: string;
let endpoints: Record<'web' | 'worker', string>;

const scrape = async (url: string, authorization?: string) => {
  const res = await fetch(url, { headers: authorization ? { authorization } : {} });
  return { status: res.status, text: await res.text() };
};
const authorized = (url: string) => scrape(url, `Bearer ${f.env.REWIND_METRICS_TOKEN}`);

beforeAll(async () => {
  f = await stackFixtures();
  owner = { baseUrl: f.baseUrl, token: await f.ownerToken('acme') };
  endpoints = {
    web: `${f.baseUrl}/metrics`,
    worker: `http://127.0.0.1:${f.env.WORKER_METRICS_PORT}/metrics`,
  };
  instanceId = await restorableInstance(owner, `metrics-${randomBytes(3).toString('hex')}`);
  // one real restore, so the worker's per-process counters and histograms have samples
  const r = await api(owner, 'POST', `/api/v1/instances/${instanceId}/restores`, {
    target: 'latest',
    mode: 'clone',
  });
  expect(r.status).toBe(202);
  const restoreId = (r.body as { id: string }).id;
  const done = await until(
    'the clone restore finishes',
    async () => {
      const s = (await api(owner, 'GET', `/api/v1/restores/${restoreId}`)).body as {
        status: string;
        error: string | null;
      };
      return ['succeeded', 'failed', 'cancelled'].includes(s.status) ? s : undefined;
    },
    240_000,
    2000,
  );
  expect(done).toMatchObject({ status: 'succeeded' });
});

afterAll(async () => {
  if (instanceId) await api(owner, 'DELETE', `/api/v1/instances/${instanceId}`);
  await f?.close();
});

describe('/metrics', () => {
  it.each(['web', 'worker'] as const)(
    '%s refuses a request without the bearer token, or with a wrong one',
    async (which) => {
      expect((await scrape(endpoints[which])).status).toBe(401);
      expect((await scrape(endpoints[which], 'Bearer not-the-token')).status).toBe(401);
      expect((await scrape(endpoints[which], f.env.REWIND_METRICS_TOKEN)).status).toBe(401);
    },
  );

  it.each(['web', 'worker'] as const)(
    '%s serves every SLI, the fleet gauges per region, and no tenant identifier',
    async (which) => {
      const { status, text } = await authorized(endpoints[which]);
      expect(status).toBe(200);
      for (const name of METRICS) expect(text, name).toContain(`# TYPE ${name} `);
      expect(sample(text, 'rewind_fleet_read_ok')).toBe(1);
      expect(sample(text, 'rewind_fleet_instances')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'rewind_recovery_point_age_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'rewind_recovery_point_age_max_seconds')).toBeGreaterThanOrEqual(0);
      for (const region of ['region-a', 'region-b']) {
        for (const gauge of [
          'rewind_archive_lag_seconds',
          'rewind_archive_lag_over_bound_instances',
          'rewind_wal_coverage_ratio',
          'rewind_backup_age_seconds',
        ])
          expect(sample(text, gauge, { region }), `${gauge}{region="${region}"}`).toBeDefined();
        const coverage = sample(text, 'rewind_wal_coverage_ratio', { region })!;
        expect(coverage).toBeGreaterThanOrEqual(0);
        expect(coverage).toBeLessThanOrEqual(1);
      }

      const tenants = await listTenants(f.platform.db);
      expect(tenants.length).toBeGreaterThanOrEqual(2);
      const lower = text.toLowerCase();
      for (const t of tenants)
        for (const id of [t.id, t.slug, t.name])
          expect(lower, `tenant identifier "${id}"`).not.toContain(id.toLowerCase());
      expect(text).not.toContain(instanceId);
    },
  );

  it('the worker counted the restore where it ran: verdict, phases, lead time, checks, bytes', async () => {
    const { text } = await authorized(endpoints.worker);
    const user = { mode: 'clone', kind: 'user' };
    expect(
      sample(text, 'rewind_restores_total', { ...user, result: 'succeeded' }),
    ).toBeGreaterThanOrEqual(1);
    for (const phase of ['provisioning', 'restoring', 'verifying'])
      expect(
        sample(text, 'rewind_restore_phase_duration_seconds_count', { ...user, phase }),
        phase,
      ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'rewind_restore_lead_time_seconds_count', user)).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'rewind_restore_checks_total', { check: 'amcheck', result: 'pass' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'rewind_restored_bytes_total')).toBeGreaterThan(0);
    expect(sample(text, 'rewind_restored_seconds_total')).toBeGreaterThan(0);
  });
});
