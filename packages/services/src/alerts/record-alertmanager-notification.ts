import type { AlertmanagerNotification } from '@rewind/core';
import { raiseAlert, resolveAlert, type PlatformDb } from '@rewind/db';

/**
 * Records Prometheus's alerts as fleet alerts (no tenant: the platform sees them, no tenant
 * does): a firing alert opens (or stays open), a resolved one resolves. Keyed by Alertmanager's
 * fingerprint, so a re-sent notification changes nothing but the last-seen time.
 */
export async function recordAlertmanagerNotification(
  db: PlatformDb,
  notification: AlertmanagerNotification,
): Promise<{ opened: number; resolved: number }> {
  let opened = 0;
  let resolved = 0;
  for (const a of notification.alerts) {
    const key = `prometheus:${a.fingerprint}`;
    if (a.status === 'resolved') {
      if (await resolveAlert(db, key)) resolved++;
      continue;
    }
    const name = a.labels.alertname ?? 'prometheus alert';
    const r = await raiseAlert(db, {
      tenantId: null,
      instanceId: null,
      key,
      kind: 'prometheus',
      summary: a.annotations.summary ?? name,
      detail: {
        ...(a.labels.region ? { region: a.labels.region } : {}),
        labels: a.labels,
        annotations: a.annotations,
      },
    });
    if (r.opened) opened++;
  }
  return { opened, resolved };
}
