/**
 * Archive bench: RPO (age of the recovery point, sampled every second) and archive throughput
 * (segments/s) under a pgbench write load, Rewind's config (two S3 repos, archive-async) vs raw
 * pgBackRest (one S3 repo, synchronous archive-push) on the same machine and data.
 *
 *   npx tsx bench/archive.ts [--scale 20] [--seconds 60]
 *
 * Prints figures only; it never passes or fails on them. Needs the test stack up.
 */
import {
  arg,
  benchEnv,
  benchInstance,
  lsnBytes,
  percentile,
  segmentEnd,
  sleep,
  table,
} from './src/bench-kit';

const scale = arg('scale', 20);
const seconds = arg('seconds', 60);
const { env, engine } = benchEnv();

interface Result {
  variant: string;
  rpoP50: number;
  rpoP99: number;
  rpoMax: number;
  segments: number;
  segPerSec: number;
  tps: number;
}

async function measure(variant: 'rewind' | 'raw', port: number): Promise<Result> {
  const inst = await benchInstance(env, engine, variant, port);
  try {
    await inst.pgbench(['-i', '-q', '-s', String(scale)]);
    // start from an empty queue: everything the init wrote is archived first
    const [first] = (await inst.sql('SELECT pg_walfile_name(pg_switch_wal())')).split('\n');
    while (
      (await inst.sql("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")) < first!
    )
      await sleep(500);
    await inst.sql("SELECT pg_stat_reset_shared('archiver')");

    const samples: { t: number; lsn: bigint; archivedEnd: bigint }[] = [];
    let done = false;
    const load = inst
      .pgbench(['-n', '-c', '2', '-T', String(seconds)])
      .finally(() => (done = true));
    const started = Date.now();
    while (!done) {
      const [lsn, wal] = (
        await inst.sql(
          "SELECT pg_current_wal_insert_lsn(), coalesce(last_archived_wal, '') FROM pg_stat_archiver",
        )
      ).split('|');
      samples.push({ t: Date.now(), lsn: lsnBytes(lsn!), archivedEnd: wal ? segmentEnd(wal) : 0n });
      await sleep(1000);
    }
    const out = await load;
    const elapsed = (Date.now() - started) / 1000;
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
    // the recovery point is when the newest fully archived byte was written
    const ages = samples.map((s) => {
      if (s.lsn <= s.archivedEnd) return 0;
      const safe = samples.filter((p) => p.t <= s.t && p.lsn <= s.archivedEnd).pop();
      return (s.t - (safe?.t ?? samples[0]!.t)) / 1000;
    });
    const segments = Number(await inst.sql('SELECT archived_count FROM pg_stat_archiver'));
    return {
      variant: variant === 'rewind' ? 'rewind (2 repos, async)' : 'raw pgBackRest (1 repo, sync)',
      rpoP50: percentile(ages, 50),
      rpoP99: percentile(ages, 99),
      rpoMax: Math.max(...ages),
      segments,
      segPerSec: Number((segments / elapsed).toFixed(2)),
      tps: Math.round(tps),
    };
  } finally {
    await inst.destroy();
  }
}

const portBase = env.INSTANCE_PORT_MAX - 4;
console.log(
  `archive bench: pgbench scale ${scale}, ${seconds} s of writes (-c 2), archive_timeout 60 s`,
);
const rewind = await measure('rewind', portBase);
const raw = await measure('raw', portBase + 1);
table(
  [rewind, raw].map((r) => ({
    variant: r.variant,
    'RPO p50 s': r.rpoP50,
    'RPO p99 s': r.rpoP99,
    'RPO max s': r.rpoMax,
    segments: r.segments,
    'seg/s': r.segPerSec,
    tps: r.tps,
  })),
);
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : 'inf') : (a / b).toFixed(2));
console.log(
  `ratio rewind/raw: RPO p50 ${ratio(rewind.rpoP50, raw.rpoP50)}, RPO p99 ${ratio(rewind.rpoP99, raw.rpoP99)}, seg/s ${ratio(rewind.segPerSec, raw.segPerSec)}`,
);
