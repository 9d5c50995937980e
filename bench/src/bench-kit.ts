import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StackEnv } from '@rewind/core';
import {
  commandLineAsPostgres,
  createEngine,
  engineConfigFromEnv,
  type Engine,
} from '@rewind/engine';
import { loadTestEnv } from '@rewind/engine/testing';

/** Benches run against the test stack (`bash infra/bin/stack.sh up --profile test`). */
export function benchEnv(): { env: StackEnv; engine: Engine; hostId: string } {
  const base = loadTestEnv();
  // own short host id: own instance dirs, socket paths under the 107-byte limit
  const hostId = `b${randomBytes(3).toString('hex')}`;
  const env = { ...base, REWIND_HOST_ID: hostId };
  return { env, engine: createEngine(engineConfigFromEnv(env)), hostId };
}

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function run(
  file: string,
  args: string[],
  opts: { asPostgres?: boolean } = {},
): Promise<string> {
  const cmd = opts.asPostgres ? commandLineAsPostgres(file, args) : { file, argv: args };
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.file, cmd.argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-3000)));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${path.basename(file)} ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
}

export interface BenchInstance {
  id: string;
  port: number;
  socketDir: string;
  sql(text: string): Promise<string>;
  pgbench(args: string[]): Promise<string>;
  destroy(): Promise<void>;
}

/**
 * An instance made by Rewind's engine (initdb, Rewind's pgbackrest.conf, started). `raw` turns
 * its config into plain pgBackRest: repo1 only, synchronous archive-push (the tool's defaults).
 */
export async function benchInstance(
  env: StackEnv,
  engine: Engine,
  variant: 'rewind' | 'raw',
  port: number,
): Promise<BenchInstance> {
  const id = `bench-${variant}-${randomBytes(3).toString('hex')}`;
  await engine.initInstance({
    instanceId: id,
    port,
    superuserPassword: randomBytes(12).toString('hex'),
    database: 'bench',
    owner: 'bench',
    ownerPassword: randomBytes(12).toString('hex'),
    archiveTimeoutSeconds: 60,
    cipherPass: randomBytes(16).toString('hex'),
    retentionFullDays: 1,
  });
  const paths = engine.paths(id);
  if (variant === 'raw') {
    const conf = await readFile(paths.pgbackrestConf, 'utf8');
    const one = conf
      .split('\n')
      .filter((l) => !l.startsWith('repo2-') && !l.startsWith('# repo2'))
      .map((l) => (l === 'archive-async=y' ? 'archive-async=n' : l))
      .join('\n');
    await writeFile(paths.pgbackrestConf, one);
  }
  await engine.stanzaCreate({ instanceId: id });
  const target = { socketDir: paths.run, port, database: 'bench' };
  return {
    id,
    port,
    socketDir: paths.run,
    sql: (text) => engine.runSql(target, text, { context: `bench ${id}`, timeoutMs: 600_000 }),
    pgbench: (args) =>
      run(
        path.join(env.PG_BIN_DIR, 'pgbench'),
        ['-h', paths.run, '-p', String(port), ...args, 'bench'],
        { asPostgres: true },
      ),
    async destroy() {
      await engine.stanzaDelete({ instanceId: id }).catch(() => undefined);
      await engine.destroyInstance({ instanceId: id }).catch(() => undefined);
    },
  };
}

/** byte position just past a WAL segment (16 MiB segments) */
export function segmentEnd(name: string): bigint {
  const log = BigInt(`0x${name.slice(8, 16)}`);
  const seg = BigInt(`0x${name.slice(16, 24)}`);
  return (log * 0x100n + seg + 1n) * 0x1000000n;
}

export function lsnBytes(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function table(rows: Record<string, string | number>[]): void {
  const cols = Object.keys(rows[0] ?? {});
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(w[i]!)).join('  ');
  console.log(line(cols));
  console.log(line(w.map((n) => '-'.repeat(n))));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}
