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
  retentionSeconds: 1800,
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
  repositoryChecks: ['a', 'b'].flatMap((region) =>
    (['verify', 'wal_continuity'] as const).map((kind) => ({
      region,
      kind,
      ok: true,
      detail: `${kind} in ${region} is clean`,
    })),
  ),
});
const kinds = (f: InstanceAlertFacts) => evaluateInstanceAlerts(f).map((c) => c.key);

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

  it('verify_failed names the region and what verify and the WAL continuity found; clean checks resolve it', () => {
    const f = healthy();
    f.repositoryChecks = f.repositoryChecks.map((c) =>
      c.region !== 'b'
        ? c
        : c.kind === 'verify'
          ? {
              ...c,
              ok: false,
              detail: 'pgbackrest verify found problems in b: 000000010000000000000005-ab12',
              invalidFiles: ['000000010000000000000005-ab12'],
            }
          : {
              ...c,
              ok: false,
              detail: 'WAL in b is not continuous: missing 000000010000000000000007',
              missingSegments: ['000000010000000000000007'],
            },
    );
    const [alert, ...rest] = evaluateInstanceAlerts(f);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      key: 'instance:i1:verify_failed:b',
      kind: 'verify_failed',
      detail: {
        region: 'b',
        checks: ['verify', 'wal_continuity'],
        invalidFiles: ['000000010000000000000005-ab12'],
        missingSegments: ['000000010000000000000007'],
        segment: '000000010000000000000007',
      },
    });
    expect(alert!.summary).toContain('orders');
    expect(alert!.summary).toContain('000000010000000000000005-ab12');
    expect(alert!.summary).toContain('missing 000000010000000000000007');

    // a check that could not run at all is a problem too, named by its reason
    const unreachable = healthy();
    unreachable.repositoryChecks[0] = {
      region: 'a',
      kind: 'verify',
      ok: false,
      detail: 'while verifying the repository in a: connection refused',
    };
    expect(evaluateInstanceAlerts(unreachable)[0]!.summary).toContain('connection refused');
    // only the newest result per region and kind is fed in: a clean one holds nothing
    expect(kinds(healthy())).toEqual([]);
    const none = healthy();
    none.repositoryChecks = [];
    expect(kinds(none)).toEqual([]);
  });

  it('backup_missed: owed after 2 x the full-backup cadence, counted from the first backup where a region has none', () => {
    const f = healthy();
    f.newestBackupAt.a = new Date(ago(2 * 86_400 - 60));
    expect(kinds(f)).toEqual([]);
    f.newestBackupAt.a = new Date(ago(2 * 86_400 + 60));
    const [missed] = evaluateInstanceAlerts(f);
    expect(missed).toMatchObject({
      key: 'instance:i1:backup_missed:a',
      detail: { region: 'a', value: 2 * 86_400 + 60, bound: 2 * 86_400 },
    });
    // region b never got a backup: its clock starts at the instance's first backup
    const g = healthy();
    delete g.newestBackupAt.b;
    expect(kinds(g)).toEqual([]);
    g.firstBackupAt = new Date(ago(3 * 86_400));
    g.newestBackupAt.a = new Date(ago(60));
    expect(kinds(g)).toEqual(['instance:i1:backup_missed:b']);
    // an instance with no backup at all is not owed one yet (its first is being taken)
    const h = healthy();
    h.firstBackupAt = null;
    h.newestBackupAt = {};
    expect(kinds(h)).toEqual([]);
  });

  it('retention_coverage: under the floor only once the instance is older than its retention', () => {
    const f = healthy();
    f.coverage.a = 0.98;
    expect(evaluateInstanceAlerts(f)[0]).toMatchObject({
      key: 'instance:i1:retention_coverage:a',
      detail: { region: 'a', value: 0.98, bound: 0.99 },
    });
    f.coverage.a = 0.99;
    expect(kinds(f)).toEqual([]);
    // younger than its retention: a region's window starting at its own first backup is no shortfall
    const young = healthy();
    young.retentionSeconds = 7200;
    young.coverage.b = 0.4;
    expect(kinds(young)).toEqual([]);
    young.firstBackupAt = null;
    expect(kinds(young)).toEqual([]);
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
