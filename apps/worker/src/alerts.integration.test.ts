import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parseStackEnv,
  verifyWebhookSignature,
  webhookSignatureHeader,
  webhookTimestampHeader,
} from '@rewind/core';
import { inTenantTx, listAlertDeliveries, listAlerts } from '@rewind/db';
import { createEngine, engineConfigFromEnv, type Engine } from '@rewind/engine';
import { registerAlertWebhook } from '@rewind/services';
import { createRegionClient, deleteObject, getObject, listKeys, putObject } from '@rewind/storage';
import { archivePrefix, type AlertChange } from '@rewind/activities';
import { checkRepositories, deliverAlert } from '@rewind/workflows';
import { workflowIds } from '@rewind/workflows/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataPlaneHarness, type DataPlaneHarness } from './data-plane-harness';
import { provisionSource } from './testing/restore-fixture';

interface Received {
  body: string;
  timestamp: string;
  signature: string;
}

/** A local webhook receiver: answers 500 to its first request (to see the retry), then 200. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      if (calls === 1) {
        res.writeHead(500).end();
        return;
      }
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        timestamp: String(req.headers[webhookTimestampHeader]),
        signature: String(req.headers[webhookSignatureHeader]),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
  };
}

describe('alerts: a real condition opens, is delivered signed, and resolves', () => {
  let h: DataPlaneHarness;
  let engine: Engine;
  let tenantId: string;
  let instanceId: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;
  const ref = () => ({ tenantId, instanceId });

  beforeAll(async () => {
    h = await startDataPlaneHarness(parseStackEnv(process.env), 'alerts');
    engine = createEngine(engineConfigFromEnv(h.env));
    tenantId = h.db.tenant('globex');
    const source = await provisionSource(h.env, engine, h.db.app.db, tenantId, 'alerted');
    instanceId = source.id;
    await engine.backup({ instanceId, type: 'full', repo: 1 });
    await engine.backup({ instanceId, type: 'full', repo: 2 });
    // a few more archived segments, so one in the middle can go missing
    for (let i = 0; i < 3; i++) {
      await h.activities.writeHeartbeat(ref());
      await h.activities.checkArchiving({ instanceId });
    }
    await h.activities.syncCatalog(ref());
    receiver = await startReceiver();
    const created = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      registerAlertWebhook(tx, {
        tenantId,
        userId: h.db.user('owner@globex.test'),
        url: receiver.url,
        secretKey: h.env.REWIND_SECRET_KEY,
      }),
    );
    secret = created.secret;
  }, 300_000);

  afterAll(async () => {
    receiver?.server.close();
    if (!h) return;
    try {
      if (instanceId) {
        await engine.stanzaDelete({ instanceId }).catch(() => undefined);
        await engine.destroyInstance({ instanceId }).catch(() => undefined);
      }
    } finally {
      await h.close();
    }
  }, 300_000);

  const deliver = (change: AlertChange) =>
    h.client.workflow.execute(deliverAlert, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.alertDelivery(tenantId, change.alertId, change.event, Date.now()),
      args: [change],
      workflowExecutionTimeout: '2 minutes',
    });

  // the scheduled checks as the schedule runs them: both regions, then the alerts evaluated
  const checkRepos = () =>
    h.client.workflow.execute(checkRepositories, {
      taskQueue: h.controlPlaneQueue,
      workflowId: workflowIds.repositoryCheck(tenantId, instanceId, randomBytes(3).toString('hex')),
      args: [ref()],
      workflowExecutionTimeout: '5 minutes',
    });
  const alertOf = async (kind: string) =>
    (
      await inTenantTx(h.db.app.db, { tenantId }, (tx) => listAlerts(tx, tenantId, { instanceId }))
    ).find((a) => a.kind === kind);
  const until = async <T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const got = probe();
      if (got !== undefined) return got;
      if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const receivedOf = (kind: string, type: string) => () =>
    receiver.received.find((r) => {
      const body = JSON.parse(r.body) as { type: string; alert: { kind: string } };
      return body.type === type && body.alert.kind === kind;
    });

  it('opens on a segment missing in region B, delivers it signed, hides it from other tenants, resolves when repaired', async () => {
    await h.activities.evaluateInstanceAlerts(ref());
    const healthy = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      listAlerts(tx, tenantId, { status: 'open', instanceId }),
    );
    expect(healthy.map((a) => a.summary)).toEqual([]);

    const regionB = createRegionClient(
      {
        name: h.env.REGION_B_NAME,
        endpoint: h.env.REGION_B_ENDPOINT,
        bucket: h.env.REGION_B_BUCKET,
        accessKeyId: h.env.REGION_B_ACCESS_KEY_ID,
        secretAccessKey: h.env.REGION_B_SECRET_ACCESS_KEY,
      },
      h.env.S3_CA_FILE,
    );
    try {
      const keys = (await listKeys(regionB, archivePrefix(instanceId)))
        .filter((k) => /\/[0-9A-F]{24}-[0-9a-f]+/.test(k))
        .sort();
      expect(keys.length).toBeGreaterThan(2);
      const victim = keys[keys.length - 2]!;
      const bytes = await getObject(regionB, victim);
      await deleteObject(regionB, victim);

      expect((await h.activities.geoCheck(ref())).ok).toBe(false);
      const opened = await h.activities.evaluateInstanceAlerts(ref());
      const alerts = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
        listAlerts(tx, tenantId, { status: 'open', instanceId }),
      );
      const geo = alerts.find((a) => a.kind === 'geo_check_red');
      expect(geo, JSON.stringify(alerts)).toBeDefined();
      expect(geo!.instanceId).toBe(instanceId);
      const change = opened.find((c) => c.alertId === geo!.id);
      expect(change).toEqual({ tenantId, alertId: geo!.id, event: 'opened' });
      // evaluating again only moves last-seen: nothing new to deliver
      expect(
        (await h.activities.evaluateInstanceAlerts(ref())).filter((c) => c.alertId === geo!.id),
      ).toEqual([]);

      await deliver(change!);
      expect(receiver.received).toHaveLength(1);
      const got = receiver.received[0]!;
      expect(JSON.parse(got.body)).toMatchObject({
        type: 'alert.opened',
        alert: { id: geo!.id, kind: 'geo_check_red', instanceId },
      });
      const check = { timestamp: got.timestamp, body: got.body, signature: got.signature };
      expect(verifyWebhookSignature({ ...check, secret })).toBe(true);
      expect(verifyWebhookSignature({ ...check, secret: `${secret}x` })).toBe(false);
      const log = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
        listAlertDeliveries(tx, tenantId, { alertId: geo!.id }),
      );
      // the receiver's first answer was 500: retried by Temporal, both attempts logged
      expect(log).toMatchObject([{ status: 'delivered', attempts: 2, responseCode: 200 }]);

      // another tenant sees none of it, RLS on (rewind_app)
      const acme = h.db.tenant('acme');
      const foreign = await inTenantTx(h.db.app.db, { tenantId: acme }, (tx) =>
        listAlerts(tx, acme),
      );
      expect(foreign.map((a) => a.id)).not.toContain(geo!.id);
      await expect(
        inTenantTx(h.db.app.db, { tenantId: acme }, (tx) => listAlerts(tx, acme, { instanceId })),
      ).rejects.toMatchObject({ code: 'not_found' });

      // the scheduled repository checks find the missing segment in B (WAL continuity) and open
      // verify_failed for B at once, naming it; region A's checks are clean
      const segment = victim.match(/([0-9A-F]{24})-/)![1]!;
      await checkRepos();
      const verify = await alertOf('verify_failed');
      expect(verify, JSON.stringify(await alertOf('verify_failed'))).toMatchObject({
        status: 'open',
        key: `instance:${instanceId}:verify_failed:${h.env.REGION_B_NAME}`,
        detail: { region: h.env.REGION_B_NAME, segment },
      });
      expect(verify!.summary).toContain('alerted');
      expect(verify!.summary).toContain(segment);
      await until('the verify_failed webhook arrives', receivedOf('verify_failed', 'alert.opened'));
      // the monitor's evaluation keeps it open: it reads the newest recorded checks
      await h.activities.evaluateInstanceAlerts(ref());
      expect((await alertOf('verify_failed'))!.status).toBe('open');

      await putObject(regionB, victim, bytes);
    } finally {
      regionB.s3.destroy();
    }
    expect((await h.activities.geoCheck(ref())).ok).toBe(true);
    const resolved = await h.activities.evaluateInstanceAlerts(ref());
    const after = await inTenantTx(h.db.app.db, { tenantId }, (tx) =>
      listAlerts(tx, tenantId, { instanceId }),
    );
    const geo = after.find((a) => a.kind === 'geo_check_red')!;
    expect(geo.status).toBe('resolved');
    expect(geo.resolvedAt).not.toBeNull();
    expect(resolved).toContainEqual({ tenantId, alertId: geo.id, event: 'resolved' });

    // a later clean check resolves verify_failed, and the receiver hears it
    await checkRepos();
    expect(await alertOf('verify_failed')).toMatchObject({ status: 'resolved' });
    await until('the resolved webhook arrives', receivedOf('verify_failed', 'alert.resolved'));
  }, 300_000);
});
