import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stackEnvSchema } from '@rewind/core';
import { stackPaths } from './paths';
import { computePorts } from './ports';
import { generateSecrets } from './secrets';
import {
  formatEnvFile,
  loadStackEnv,
  parseEnvFile,
  renderStackEnv,
  writeStackEnv,
} from './stack-env-file';

const root = '/srv/rewind-checkout';

describe('stack env rendering', () => {
  const secrets = generateSecrets();
  const vars = renderStackEnv({
    paths: stackPaths('test', root),
    ports: computePorts('test', {}),
    secrets,
  });

  it('has exactly the variables of the core schema, and they validate', () => {
    expect(Object.keys(vars).sort()).toEqual(Object.keys(stackEnvSchema.shape).sort());
    expect(() => stackEnvSchema.strict().parse(vars)).not.toThrow();
  });

  it('points each database URL at its role on 127.0.0.1', () => {
    const url = (v: string) => new URL(v);
    expect(url(vars.CONTROL_DATABASE_URL)).toMatchObject({
      username: 'rewind_app',
      hostname: '127.0.0.1',
      port: '25301',
      pathname: '/rewind',
    });
    expect(url(vars.CONTROL_DATABASE_PLATFORM_URL).username).toBe('rewind_platform');
    expect(url(vars.CONTROL_DATABASE_OWNER_URL).username).toBe('rewind_owner');
    expect(decodeURIComponent(url(vars.CONTROL_DATABASE_URL).password)).toBe(
      secrets.rewindAppPassword,
    );
  });

  it('uses https://localhost endpoints, the profile data dir and the fixed tool paths', () => {
    expect(vars.REGION_A_ENDPOINT).toBe('https://localhost:25316');
    expect(vars.REGION_B_ENDPOINT).toBe('https://localhost:25326');
    expect(vars.REGION_A_BUCKET).toBe('rewind-region-a');
    expect(vars.REGION_B_BUCKET).toBe('rewind-region-b');
    expect(vars.S3_CA_FILE).toBe(`${root}/.data/test/tls/ca.crt`);
    expect(vars.REWIND_DATA_DIR).toBe(`${root}/.data/test`);
    expect(vars.TEMPORAL_ADDRESS).toBe('127.0.0.1:25302');
    expect(vars.WEB_URL).toBe('http://localhost:25300');
    expect(vars.REWIND_HOST_ID).toBe('host-1');
    expect(vars.NEXTAUTH_SECRET.length).toBeGreaterThanOrEqual(48);
    expect(vars.REWIND_SECRET_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(vars.REGION_A_ACCESS_KEY_ID).not.toBe(vars.REGION_B_ACCESS_KEY_ID);
    // the hosts' key and the control plane's are different identities in each region
    expect(vars.REGION_A_CONTROL_ACCESS_KEY_ID).not.toBe(vars.REGION_A_ACCESS_KEY_ID);
    expect(vars.REGION_B_CONTROL_ACCESS_KEY_ID).not.toBe(vars.REGION_B_ACCESS_KEY_ID);
  });

  it('round-trips through the file format', () => {
    expect(parseEnvFile(formatEnvFile(vars))).toEqual(vars);
    expect(parseEnvFile('# c\n\nA=b=c\nB=\n')).toEqual({ A: 'b=c', B: '' });
    expect(() => parseEnvFile('nonsense')).toThrow(/malformed/);
  });
});

describe('loadStackEnv', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('reads and validates the profile file under a repo root', () => {
    dir = mkdtempSync(join(tmpdir(), 'rewind-env-'));
    const paths = stackPaths('test', dir);
    mkdirSync(paths.dataDir, { recursive: true });
    writeStackEnv(
      paths.stackEnvFile,
      renderStackEnv({ paths, ports: computePorts('test', {}), secrets: generateSecrets() }),
    );
    const env = loadStackEnv('test', dir);
    expect(env.WEB_PORT).toBe(25300);
    expect(env.REWIND_PROFILE).toBe('test');
  });

  it('explains how to bring the stack up when the file is missing or broken', () => {
    dir = mkdtempSync(join(tmpdir(), 'rewind-env-'));
    expect(() => loadStackEnv('test', dir)).toThrow(/stack\.sh up --profile test/);
    mkdirSync(join(dir, '.data', 'test'), { recursive: true });
    writeFileSync(join(dir, '.data', 'test', 'stack.env'), 'REWIND_PROFILE=test\n');
    expect(() => loadStackEnv('test', dir)).toThrow(/invalid stack environment/);
  });
});
