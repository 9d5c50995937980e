/**
 * Every port the running stack listens on is bound to loopback (issue 12, item 11): Temporal's
 * gRPC, HTTP API, Web UI and metrics ports (`--ip` / `--ui-ip` 127.0.0.1), both SeaweedFS
 * regions, the control-plane PostgreSQL, the web app and the worker. In production these sit
 * behind authentication (docs/operations.md); here nothing is reachable from another host.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const runDir = join(process.env.REWIND_DATA_DIR ?? '', 'run');

/** the service's process and everything in its process group (weed, temporal, postgres, next) */
function pidsOf(pidFile: string): Set<number> {
  const pid = Number(readFileSync(join(runDir, pidFile), 'utf8').trim());
  const pgid = execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  const group = execFileSync('ps', ['-o', 'pid=', '-g', pgid], { encoding: 'utf8' });
  return new Set([pid, ...group.split('\n').filter(Boolean).map(Number)]);
}

function listening(): Array<{ address: string; pids: number[] }> {
  const out = execFileSync('ss', ['-H', '-l', '-n', '-p', '-t', '-u'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      return {
        address: cols[4] ?? '',
        pids: [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])),
      };
    });
}

describe('the stack binds only loopback', () => {
  it('every listening socket of every stack service is on 127.0.0.1 or ::1', () => {
    const services = readdirSync(runDir).filter((f) => f.endsWith('.pid'));
    expect(services).toEqual(
      expect.arrayContaining(['control-pg.pid', 'region-a.pid', 'region-b.pid', 'temporal.pid']),
    );
    const sockets = listening();
    for (const service of services) {
      const pids = pidsOf(service);
      const mine = sockets.filter((s) => s.pids.some((p) => pids.has(p)));
      // the worker only dials out; the rest serve
      if (service !== 'worker.pid') expect(mine.length, service).toBeGreaterThan(0);
      for (const s of mine)
        expect(s.address, `${service} listens on ${s.address}`).toMatch(
          /^(127\.\d+\.\d+\.\d+|\[::1\]):\d+$/,
        );
    }
  });
});
