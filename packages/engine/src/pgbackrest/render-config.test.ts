import { describe, expect, it } from 'vitest';
import {
  parseS3Endpoint,
  renderPgBackRestConfig,
  type PgBackRestConfigInput,
} from './render-config';

const region = (name: string, port: number) => ({
  name,
  endpoint: `https://localhost:${port}`,
  bucket: `bucket-${name}`,
  accessKeyId: `AK-${name}`,
  secretAccessKey: `SK-${name}`,
});

const input: PgBackRestConfigInput = {
  stanza: 'inst-1',
  pgdata: '/d/inst-1/pgdata',
  port: 55401,
  socketDir: '/d/inst-1/run',
  spoolPath: '/d/inst-1/spool',
  logPath: '/d/inst-1/log',
  lockPath: '/d/inst-1/lock',
  caFile: '/d/tls/ca.crt',
  repos: [
    { region: region('region-a', 55316), retentionFullDays: 7 },
    { region: region('region-b', 55326), retentionFullDays: 14 },
  ],
  cipherPass: 'pass-123',
  compressType: 'lz4',
};

describe('renderPgBackRestConfig', () => {
  const text = renderPgBackRestConfig(input);
  const lines = text.split('\n');

  it('renders repo1 = region A and repo2 = region B with endpoint host/port split', () => {
    for (const l of [
      'repo1-type=s3',
      'repo1-s3-endpoint=localhost',
      'repo1-storage-port=55316',
      'repo1-s3-bucket=bucket-region-a',
      'repo1-s3-key=AK-region-a',
      'repo1-s3-key-secret=SK-region-a',
      'repo1-retention-full=7',
      'repo2-storage-port=55326',
      'repo2-s3-bucket=bucket-region-b',
      'repo2-retention-full=14',
    ]) {
      expect(lines).toContain(l);
    }
  });

  it('applies the same shape to both repos', () => {
    for (const n of [1, 2]) {
      for (const l of [
        `repo${n}-s3-uri-style=path`,
        `repo${n}-path=/stanzas`,
        `repo${n}-storage-ca-file=/d/tls/ca.crt`,
        `repo${n}-retention-full-type=time`,
        `repo${n}-cipher-type=aes-256-cbc`,
        `repo${n}-cipher-pass=pass-123`,
      ]) {
        expect(lines).toContain(l);
      }
    }
  });

  it('sets global options and the stanza section', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'archive-async=y',
        'spool-path=/d/inst-1/spool',
        'lock-path=/d/inst-1/lock',
        'log-path=/d/inst-1/log',
        'process-max=2',
        'start-fast=y',
        'compress-type=lz4',
        '[inst-1]',
        'pg1-path=/d/inst-1/pgdata',
        'pg1-port=55401',
        'pg1-socket-path=/d/inst-1/run',
      ]),
    );
    expect(lines.indexOf('[global]')).toBeLessThan(lines.indexOf('[inst-1]'));
    expect(lines.indexOf('[inst-1]')).toBeGreaterThan(lines.indexOf('compress-type=lz4'));
  });

  it('refuses values that would inject options', () => {
    expect(() => renderPgBackRestConfig({ ...input, cipherPass: 'a\nrepo1-path=/evil' })).toThrow(
      /newline/,
    );
    expect(() =>
      renderPgBackRestConfig({
        ...input,
        repos: [input.repos[0], { ...input.repos[1], retentionFullDays: 0 }],
      }),
    ).toThrow(/retention/);
  });
});

describe('parseS3Endpoint', () => {
  it('splits host and port, defaulting to 443', () => {
    expect(parseS3Endpoint('https://localhost:55316')).toEqual({ host: 'localhost', port: 55316 });
    expect(parseS3Endpoint('https://s3.example.com')).toEqual({
      host: 's3.example.com',
      port: 443,
    });
    expect(parseS3Endpoint('https://[::1]:9000')).toEqual({ host: '::1', port: 9000 });
  });
  it('refuses plain http and garbage', () => {
    expect(() => parseS3Endpoint('http://localhost:9000')).toThrow(/https/);
    expect(() => parseS3Endpoint('localhost')).toThrow(/not a URL/);
  });
});
