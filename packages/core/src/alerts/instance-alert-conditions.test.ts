import { describe, expect, it } from 'vitest';
import { evaluateInstanceAlerts, type InstanceAlertFacts } from './instance-alert-conditions';

const now = new Date('2026-12-01T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
const healthy = (): InstanceAlertFacts => ({
  instanceId: 'i1',
  instanceName: 'orders',
  now,
  healthReason: null,
  archiveLagBoundSeconds: 180,
  fullBackupEverySeconds: 86_400,
  coverage: { a: 1, b: 1 },
  coverageFloor: 0.99,
  firstBackupAt: new Date(ago(3600)),
  regions: ['a', 'b'].map((region) => ({
    region,
    earliest: ago(3600),
    latest: ago(10),
    gaps: [],
    latestCommitAt: ago(10),
    archiveOk: true,
    error: null,
  })),
  newestBackupAt: { a: new Date(ago(3600)), b: new Date(ago(3600)) },
  geoCheck: { ok: true, missingSegments: 0, missingBackups: 0, detail: null },
  latestDrills: [],
});

describe('instance alert conditions', () => {
  it('a healthy instance raises nothing', () => {
    expect(evaluateInstanceAlerts(healthy())).toEqual([]);
  });

  it('raises each condition once, keyed by instance, kind and region', () => {
    const f = healthy();
    f.regions[1] = {
      ...f.regions[1]!,
      gaps: [{ from: ago(600), to: ago(500) }],
      latest: ago(400),
      latestCommitAt: ago(400),
    };
    f.coverage.b = 0.5;
    f.newestBackupAt.a = new Date(ago(3 * 86_400));
    f.geoCheck = {
      ok: false,
      missingSegments: 1,
      missingBackups: 0,
      detail: 'missing 000000010000000000000007',
    };
    f.latestDrills = [
      {
        id: 'd1',
        region: 'b',
        status: 'failed',
        target: { time: ago(700) },
        failingCheck: 'restore',
        error: 'could not find WAL segment 000000010000000000000007',
      },
      { id: 'd2', region: 'a', status: 'succeeded', target: null, failingCheck: null, error: null },
    ];
    const keys = evaluateInstanceAlerts(f)
      .map((c) => c.key)
      .sort();
    expect(keys).toEqual([
      'instance:i1:archive_lag:b',
      'instance:i1:backup_missed:a',
      'instance:i1:drill_failed:b',
      'instance:i1:geo_check_red',
      'instance:i1:retention_coverage:b',
      'instance:i1:wal_gap:b',
    ]);
    const drill = evaluateInstanceAlerts(f).find((c) => c.kind === 'drill_failed')!;
    expect(drill.detail).toMatchObject({
      region: 'b',
      failingCheck: 'restore',
      segment: '000000010000000000000007',
      drillId: 'd1',
    });
  });

  it('a full data volume raises one alert naming the instance and saying why; other reasons do not', () => {
    const f = healthy();
    f.healthReason =
      'data volume full: 0.0 MiB free of 174.0 MiB; PostgreSQL refuses writes until space is freed';
    expect(evaluateInstanceAlerts(f)).toEqual([
      {
        key: 'instance:i1:data_volume_full',
        kind: 'data_volume_full',
        summary:
          'orders: data volume full: 0.0 MiB free of 174.0 MiB; PostgreSQL refuses writes until space is freed',
        detail: {},
      },
    ]);
    f.healthReason = 'PostgreSQL is not running';
    expect(evaluateInstanceAlerts(f)).toEqual([]);
  });
});
