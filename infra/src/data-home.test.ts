import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canTraverse, resolveDataDir, systemDataDir } from './data-home';

describe('data home', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));
  // an id that owns nothing here: only the "other" permission bits apply to it
  const stranger = { uid: 54321, gid: 54321 };

  it('sees that a stranger cannot walk into a 0700 folder, and can once it is 0755', () => {
    dir = mkdtempSync(join(tmpdir(), 'rewind-home-'));
    const checkout = join(dir, 'rewind');
    mkdirSync(checkout);
    chmodSync(dir, 0o700);
    expect(canTraverse(checkout, stranger)).toBe(false);
    chmodSync(dir, 0o755);
    expect(canTraverse(checkout, stranger)).toBe(true);
  });

  it('names one system folder per checkout and profile', () => {
    expect(systemDataDir('/root/rewind', 'dev')).toMatch(/\/rewind-[0-9a-f]{12}\/dev$/);
    expect(systemDataDir('/root/rewind', 'dev')).not.toBe(systemDataDir('/root/x/rewind', 'dev'));
    expect(systemDataDir('/root/rewind', 'test')).toBe(
      systemDataDir('/root/rewind', 'dev').replace(/dev$/, 'test'),
    );
  });

  it('uses the symlink target of .data/<profile> as the data dir', () => {
    dir = mkdtempSync(join(tmpdir(), 'rewind-home-'));
    mkdirSync(join(dir, '.data'));
    expect(resolveDataDir(dir, 'dev')).toBe(join(dir, '.data', 'dev'));
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, '.data', 'dev'));
    expect(resolveDataDir(dir, 'dev')).toBe(join(dir, 'elsewhere'));
  });
});
