import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWaldump, WaldumpError } from './run-waldump';
import type { WalRecord } from './parse-waldump';

// A stand-in pg_waldump: prints a real captured fixture, then the given stderr and exit code.
const fixture = fileURLToPath(new URL('./fixtures/mass-delete.txt', import.meta.url));
let dir = '';
async function fakeWaldump(
  name: string,
  stderr: string,
  code: number,
  extra = '',
): Promise<string> {
  const path = join(dir, name);
  await writeFile(
    path,
    `#!/bin/sh\n${extra}\ncat '${fixture}'\necho '${stderr}' >&2\nexit ${code}\n`,
  );
  await chmod(path, 0o755);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rewind-fake-waldump-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const range = {
  walDir: '/nonexistent',
  startSegment: '000000010000000000000001',
  endSegment: '000000010000000000000001',
};

describe('runWaldump', () => {
  it('streams every record and accepts the end of WAL inside the last segment', async () => {
    const bin = await fakeWaldump(
      'tail',
      'pg_waldump: error: error in WAL record at 0/1EA3CD0: invalid record length at 0/1EA3CF8: wanted 24, got 0',
      1,
    );
    const seen: WalRecord[] = [];
    const result = await runWaldump({ ...range, waldumpBin: bin }, (r) => seen.push(r));
    expect(seen).toHaveLength(5003);
    expect(result).toMatchObject({
      records: 5003,
      lastLsn: '0/1EA3CD0',
      endedAtInvalidRecord: true,
    });
  });

  it('refuses an invalid record before the last segment: it would hide the rest of the range', async () => {
    const bin = await fakeWaldump(
      'early',
      'pg_waldump: error: error in WAL record at 0/1EA3CD0: invalid record length at 0/1EA3CF8: wanted 24, got 0',
      1,
    );
    await expect(
      runWaldump(
        { ...range, endSegment: '000000010000000000000003', waldumpBin: bin },
        () => undefined,
      ),
    ).rejects.toThrow(
      /while reading WAL segment 000000010000000000000001\.\.000000010000000000000003 with pg_waldump: WAL ends early at 0\/1EA3CF8/,
    );
  });

  it('wraps other failures with the segment', async () => {
    const bin = await fakeWaldump(
      'other',
      'pg_waldump: error: could not open file "000000010000000000000001": No such file or directory',
      1,
    );
    const err = await runWaldump({ ...range, waldumpBin: bin }, () => undefined).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WaldumpError);
    expect(String(err)).toMatch(
      /while reading WAL segment 000000010000000000000001 with pg_waldump: .* exited with code 1: .*could not open file/,
    );
  });

  it('reports a missing binary', async () => {
    await expect(
      runWaldump({ ...range, waldumpBin: join(dir, 'missing') }, () => undefined),
    ).rejects.toThrow(/not found/);
  });

  it('kills pg_waldump on timeout', async () => {
    const bin = await fakeWaldump('slow', '', 0, 'sleep 5');
    await expect(
      runWaldump({ ...range, waldumpBin: bin, timeoutMs: 200 }, () => undefined),
    ).rejects.toThrow(/timed out after 200 ms/);
  });

  it('passes TZ=UTC so commit times parse', async () => {
    const bin = join(dir, 'tz');
    await writeFile(bin, '#!/bin/sh\n[ "$TZ" = UTC ] || exit 3\ncat \'' + fixture + "'\n");
    await chmod(bin, 0o755);
    await expect(runWaldump({ ...range, waldumpBin: bin }, () => undefined)).resolves.toMatchObject(
      { records: 5003, endedAtInvalidRecord: false },
    );
  });
});
