import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, restorableInstance, until, type MetricsApi } from './metrics-instance';
import { stackFixtures, type StackFixtures } from './stack-fixtures';

/**
 * The real Prometheus of the test stack (2 s scrapes and evaluations, every rule's `for:` 10 s)
 * scrapes the web and the worker. With region A stopped, the fleet's archive lag in A passes the
 * plan's bound and RewindArchiveLagOverBound{region="region-a"} fires and reaches Alertmanager,
 * and Rewind's own archive_lag alert for the instance and region A opens (the monitor evaluates
 * after each catalog sync); once A is back and the backlog archived, both resolve.
 */
const root = path.resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
const run = promisify(execFile);
const stackCtl = (verb: 'up' | 'down', only: string) =>
  run('bash', [path.join(root, 'infra/bin/stack.sh'), verb, '--profile', 'test', '--only', only], {
    cwd: root,
    timeout: 240_000,
  });

const ALERT = 'RewindArchiveLagOverBound';
// globex is on Business: archive_timeout 15 s, so its bound is 2 x 15 + 60 = 90 s
const BOUND_SECONDS = 90;
// the bound, plus up to two monitor rounds (15 s each) before the catalog shows the last archived
// commit, the rule's `for:` (10 s), evaluation and scrape intervals, and a loaded host's slack
const FIRES_WITHIN_MS = (BOUND_SECONDS + 30 + 10 + 60) * 1000;

let f: StackFixtures;
let owner: MetricsApi;
let instanceId: string;
let ports: { prometheus: number; alertmanager: number };

interface PromAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
}
const alertsInRegionA = async (): Promise<PromAlert[]> => {
  const res = await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/alerts`);
  const body = (await res.json()) as { data: { alerts: PromAlert[] } };
  return body.data.alerts.filter(
    (a) => a.labels.alertname === ALERT && a.labels.region === 'region-a',
  );
};
interface RewindAlert {
  id: string;
  kind: string;
  status: 'open' | 'resolved';
  summary: string;
  detail: { region?: string; value?: number; bound?: number };
  resolvedAt: string | null;
}
/** Rewind's own archive-lag alert of the instance in region A, as the tenant's API lists it. */
const rewindLagAlertInA = async (): Promise<RewindAlert | undefined> => {
  const res = await api(owner, 'GET', `/api/v1/alerts?instance=${instanceId}`);
  expect(res.status).toBe(200);
  return (res.body as { alerts: RewindAlert[] }).alerts.find(
    (a) => a.kind === 'archive_lag' && a.detail.region === f.env.REGION_A_NAME,
  );
};
const targetsUp = async () => {
  const q = encodeURIComponent('min(up{job=~"rewind-web|rewind-worker"})');
  const res = await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/query?query=${q}`);
  const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
  return body.data.result[0]?.value[1] === '1';
};

beforeAll(async () => {
  f = await stackFixtures();
  ports = JSON.parse(
    readFileSync(path.join(f.env.REWIND_DATA_DIR, 'run', 'ports.json'), 'utf8'),
  ) as typeof ports;
  owner = { baseUrl: f.baseUrl, token: await f.ownerToken('globex') };
  instanceId = await restorableInstance(owner, `lag-alert-${randomBytes(3).toString('hex')}`);
});

afterAll(async () => {
  if (instanceId) await api(owner, 'DELETE', `/api/v1/instances/${instanceId}`);
  await f?.close();
});

describe('Prometheus archive-lag alert', () => {
  it("fires for region A while it is stopped, reaches Alertmanager, opens Rewind's own alert, and both resolve once A is back", async () => {
    await until(
      'Prometheus scrapes the web and the worker',
      async () => (await targetsUp()) || undefined,
      60_000,
    );
    await until(
      `${ALERT}{region="region-a"} is quiet before the outage`,
      async () => ((await alertsInRegionA()).length === 0 ? true : undefined),
      120_000,
      2000,
    );
    expect((await rewindLagAlertInA())?.status ?? 'none').not.toBe('open');

    await stackCtl('down', 'region-a');
    let opened: RewindAlert;
    try {
      const firing = await until(
        `${ALERT}{region="region-a"} fires`,
        async () => (await alertsInRegionA()).find((a) => a.state === 'firing'),
        FIRES_WITHIN_MS,
        2000,
      );
      expect(firing.labels).toMatchObject({
        alertname: ALERT,
        region: 'region-a',
        severity: 'page',
      });
      // Alertmanager has it from Prometheus (its route sends it on to the webhook)
      await until(
        'Alertmanager holds the alert',
        async () => {
          const res = await fetch(`http://127.0.0.1:${ports.alertmanager}/api/v2/alerts`);
          const alerts = (await res.json()) as Array<{ labels: Record<string, string> }>;
          return alerts.find((a) => a.labels.alertname === ALERT && a.labels.region === 'region-a');
        },
        30_000,
      );
      // Rewind's own alert, from the same catalog, within the same window
      opened = await until(
        "Rewind's archive_lag alert for region A opens",
        async () => {
          const a = await rewindLagAlertInA();
          return a?.status === 'open' ? a : undefined;
        },
        FIRES_WITHIN_MS,
        2000,
      );
      expect(opened.detail).toMatchObject({ region: f.env.REGION_A_NAME, bound: BOUND_SECONDS });
      expect(opened.detail.value).toBeGreaterThan(BOUND_SECONDS);
      expect(opened.summary).toContain(f.env.REGION_A_NAME);
    } finally {
      await stackCtl('up', 'region-a');
    }

    // pgBackRest pushes the backlog to A, the monitor's next sync sees it, the gauge drops
    await until(
      `${ALERT}{region="region-a"} resolves`,
      async () => ((await alertsInRegionA()).length === 0 ? true : undefined),
      300_000,
      2000,
    );
    const resolved = await until(
      "Rewind's archive_lag alert for region A resolves",
      async () => {
        const a = await rewindLagAlertInA();
        return a?.status === 'resolved' ? a : undefined;
      },
      120_000,
      2000,
    );
    // the same alert (one episode, deduplicated by key), now resolved
    expect(resolved.id).toBe(opened!.id);
    expect(resolved.resolvedAt).not.toBeNull();
  }, 900_000);
});
