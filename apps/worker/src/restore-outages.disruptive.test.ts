import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { auditEvents } from '@rewind/db';
import { findRows } from '@rewind/db/testing';
import { getObject, listObjects, putObject } from '@rewind/storage';
import { loadTestEnv } from '@rewind/engine/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneNotesAndEnd as endClone, recordDrillFigures } from './testing/fault-drill';
import { restoreSuite, type RestoreSuite } from './testing/restore-suite';

// Disruptive: stops region A, kills a worker. Each test puts back what it disturbed.
const env = loadTestEnv();
const root = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const run = promisify(execFile);
const stack = (verb: 'up' | 'down', only: string) =>
  run('bash', [path.join(root, 'infra/bin/stack.sh'), verb, '--profile', 'test', '--only', only], {
    cwd: root,
    timeout: 240_000,
  });

let s: RestoreSuite;

beforeAll(async () => {
  // no in-process workers at first: the worker-kill test starts its own in a child process
  s = await restoreSuite(env, 'outage', { workers: false });
}, 300_000);

afterAll(async () => {
  await s?.close();
}, 120_000);

const cloneNotesAndEnd = (r: Awaited<ReturnType<RestoreSuite['start']>>, cloneId: string) =>
  endClone(s, r, cloneId);

const target = () => ({ time: new Date(Date.parse(s.deletedAt) - 1000).toISOString() });
const NOTES = ['r1', 'r2', 'r3', 'r4', 'r5'];

/** bench/faults.ts's row of a drill without a write load: rows lost are the notes the copy lacks */
const record = (fault: string, detectMs: number | null, recoverMs: number, notes: string[]) =>
  recordDrillFigures(env, {
    fault,
    detectMs,
    recoverMs,
    rowsLost: NOTES.filter((n) => !notes.includes(n)).length,
    restoreSucceeded: true,
  });

/** A restore that region A cannot serve: it succeeds from B, and the audit says A failed first. */
async function restoreServedByRegionB() {
  const startedAt = Date.now();
  const r = await s.start({ target: target() });
  const done = await s.waitFor(r.id, (x) => x.status === 'succeeded', 8 * 60_000);
  const doneAt = Date.now();
  expect(done.region).toBe(env.REGION_B_NAME);
  const audit = await findRows(s.platform.db, auditEvents, { targetId: r.id });
  const fallback = audit.find((e) => e.action === 'restore.region_fallback');
  expect(fallback?.data).toMatchObject({
    usedRegion: env.REGION_B_NAME,
    failed: [expect.objectContaining({ region: env.REGION_A_NAME })],
  });
  // detected when the restore gave region A up (its audit event), recovered when it succeeded
  const fellBackAt = fallback!.at.getTime();
  return { r, done, detectMs: fellBackAt - startedAt, recoverMs: doneAt - fellBackAt };
}

describe('restore under outages', () => {
  it('a worker SIGKILLed mid-restore is replaced and the restore finishes with the right data', async () => {
    // node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a child node
    // process, so SIGKILLing it would leave the real worker alive and polling
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./testing/restore-worker-child.ts', import.meta.url)),
        s.queues.controlPlaneQueue,
        s.queues.hostTaskQueue,
        'it-outage-child',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        child.once('exit', (code) =>
          reject(new Error(`child worker exited (${code}) before polling`)),
        );
      });
      const r = await s.start({ target: target() });
      await s.waitFor(r.id, (x) => x.phase === 'restoring');
      child.kill('SIGKILL'); // the worker only: its pgbackrest, if running, is orphaned like in a crash
      const killedAt = Date.now();
      await new Promise<void>((resolve) =>
        child.exitCode !== null || child.signalCode !== null
          ? resolve()
          : child.once('exit', () => resolve()),
      );
      expect(child.signalCode).toBe('SIGKILL');
      expect(() => process.kill(child.pid!, 0)).toThrow(); // the worker process is really gone
      await s.startWorkers();
      const done = await s.waitFor(r.id, (x) => x.status === 'succeeded', 8 * 60_000);
      const recoverMs = Date.now() - killedAt;
      const notes = await cloneNotesAndEnd(r, done.resultInstanceId!);
      expect(notes).toEqual(NOTES);
      // no sign to time: Temporal hands the activity to the replacement after its heartbeat timeout
      await record('worker SIGKILL mid-restore', null, recoverMs, notes);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 600_000);

  it('a corrupted backup file in region A: the restore completes from region B and says so', async () => {
    await s.stopWorkers(); // in-process workers, fresh (the kill test leaves its own, unless it failed early)
    await s.startWorkers();
    // the biggest file of the backup in region A is overwritten with garbage (region B's copy is
    // intact); pgbackrest restore from A fails on it, and the restore moves on to B
    const a = s.deps.regions.a;
    const files = (await listObjects(a, `stanzas/backup/${s.source.stanza}/`)).filter((o) =>
      o.key.includes('/pg_data/base/'),
    );
    expect(files.length).toBeGreaterThan(0);
    const victim = files.reduce((x, y) => (y.size > x.size ? y : x));
    const original = await getObject(a, victim.key);
    await putObject(a, victim.key, randomBytes(original.length));
    try {
      const { r, done, detectMs, recoverMs } = await restoreServedByRegionB();
      const notes = await cloneNotesAndEnd(r, done.resultInstanceId!);
      expect(notes).toEqual(NOTES);
      await record('corrupted object in region A', detectMs, recoverMs, notes);
    } finally {
      await putObject(a, victim.key, original);
    }
  }, 600_000);

  it('region A stopped before the restore starts: it completes from region B and says so', async () => {
    // in-process workers (the previous test started them unless it failed early)
    await s.stopWorkers();
    await s.startWorkers();
    await stack('down', 'region-a');
    try {
      const { r, done, detectMs, recoverMs } = await restoreServedByRegionB();
      // recovery fetches its WAL from region B too (the copy's restore_command names the repo),
      // so an unreachable region A is never asked for a segment; through the copy's own spool.
      // Once recovery is over the copy's restore_command is reset (it names host paths), so
      // what recovery ran is read from the copy's own pgBackRest log, where each archive-get
      // logs its options
      const root = s.engine.paths(done.resultInstanceId!).root;
      const auto = await readFile(
        path.join(s.engine.paths(done.resultInstanceId!).pgdata, 'postgresql.auto.conf'),
        'utf8',
      );
      expect(auto.split('\n').filter((l) => l.startsWith('restore_command'))).toEqual([]);
      const logDir = path.join(root, 'log');
      const logs = (await readdir(logDir)).filter((f) => f.includes('archive-get'));
      const begins = (await Promise.all(logs.map((f) => readFile(path.join(logDir, f), 'utf8'))))
        .join('\n')
        .split('\n')
        .filter((l) => /archive-get(:async)? command begin/.test(l));
      expect(begins.length).toBeGreaterThan(0);
      for (const line of begins) {
        expect(line).toContain('--repo=2');
        expect(line).toContain(`--spool-path=${root}/spool`);
      }
      const notes = await cloneNotesAndEnd(r, done.resultInstanceId!);
      expect(notes).toEqual(NOTES);
      await record('region A down', detectMs, recoverMs, notes);
    } finally {
      await stack('up', 'region-a');
    }
  }, 600_000);
});
