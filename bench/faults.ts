/**
 * Fault-drill figures: runs each drill of issue 11 once against the test stack, one file at a
 * time (the disruptive ones stop shared services), and prints one row per fault: time to detect
 * (the first sign the system gave: /api/health red, the instance's probe), time to recover (from
 * the fault's end to the stack whole again), committed rows lost beyond the RPO bound, and
 * whether the restore that ran during it succeeded and was exact.
 *
 *   bash infra/bin/run.sh tsx bench/faults.ts [--only <part of a test file name>]
 *
 * The drills write their figures to `<data dir>/drill-figures.jsonl`, one row per fault; a test
 * file that records none (it failed before its figures) gets a row naming it, from its verdict
 * alone. "—" is a figure the drill does not measure (a sign it never gives, rows it does not
 * count). Never passes or fails on timings.
 */
import '../test-support/load-stack-env';
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestEnv } from '@rewind/engine/testing';
import type { DrillFigures } from '../apps/worker/src/testing/fault-drill';
import { table } from './src/bench-kit';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const env = loadTestEnv();
const figuresFile = path.join(env.REWIND_DATA_DIR, 'drill-figures.jsonl');

/** Each drill's test file. */
const drills: Array<{ project: string; file: string }> = [
  { project: 'disruptive', file: 'apps/worker/src/dependency-restarts.disruptive.test.ts' },
  { project: 'disruptive', file: 'apps/worker/src/restore-outages.disruptive.test.ts' },
  { project: 'disruptive', file: 'apps/worker/src/region-b-outage.disruptive.test.ts' },
  { project: 'integration', file: 'apps/worker/src/s3-flapping.integration.test.ts' },
  { project: 'integration', file: 'apps/worker/src/disk-full.integration.test.ts' },
  { project: 'integration', file: 'apps/worker/src/clock-skew.integration.test.ts' },
];

const secs = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(1));
const rows: Record<string, string | number>[] = [];
const only = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1]
  : null;
for (const d of drills.filter(
  (x) => only === null || only === undefined || x.file.includes(only),
)) {
  await rm(figuresFile, { force: true });
  const started = Date.now();
  // the test's own output goes to the terminal: a drill that fails says why there
  const ok = await new Promise<boolean>((resolve) =>
    spawn(path.join(root, 'node_modules/.bin/vitest'), ['run', '--project', d.project, d.file], {
      cwd: root,
      env: { ...process.env, REWIND_PROFILE: 'test' },
      stdio: 'inherit',
    }).on('exit', (code) => resolve(code === 0)),
  );
  const text = await readFile(figuresFile, 'utf8').catch(() => '');
  const figures = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DrillFigures);
  for (const f of figures)
    rows.push({
      fault: f.fault,
      'detect s': secs(f.detectMs),
      'recover s': secs(f.recoverMs),
      'rows lost': f.rowsLost ?? '—',
      'restore ok':
        f.restoreSucceeded === null ? 'no restore' : ok && f.restoreSucceeded ? 'yes' : 'no',
    });
  if (figures.length === 0)
    rows.push({
      fault: path.basename(d.file),
      'detect s': '—',
      'recover s': '—',
      'rows lost': '—',
      'restore ok': ok ? 'yes' : 'no',
    });
  console.log(
    `${path.basename(d.file)}: ${ok ? 'passed' : 'FAILED'} in ${secs(Date.now() - started)} s`,
  );
}
table(rows);
