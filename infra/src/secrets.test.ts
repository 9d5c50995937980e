import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSecrets, loadOrCreateSecrets } from './secrets';

describe('loadOrCreateSecrets', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('adds only the secrets a file from before them lacks (the control S3 identities), keeping the rest', () => {
    dir = mkdtempSync(join(tmpdir(), 'rewind-secrets-'));
    const file = join(dir, 'secrets.json');
    const { regionAControl: _a, regionBControl: _b, ...old } = generateSecrets();
    writeFileSync(file, JSON.stringify(old));
    const { secrets, created } = loadOrCreateSecrets(file);
    expect(created).toBe(false);
    expect(secrets.regionA).toEqual(old.regionA);
    expect(secrets.rewindSecretKey).toBe(old.rewindSecretKey);
    expect(secrets.regionAControl.accessKeyId).not.toBe(old.regionA.accessKeyId);
    // written back, so the next run reads the same control keys
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(secrets);
    expect(loadOrCreateSecrets(file).secrets).toEqual(secrets);
  });
});
