import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporalTlsFromEnv } from './temporal-tls';

const dir = mkdtempSync(join(tmpdir(), 'rewind-tls-test-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const cert = file('client.crt', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
const key = file('client.key', '-----BEGIN PRIVATE KEY-----\ny\n-----END PRIVATE KEY-----\n');
const ca = file('ca.crt', '-----BEGIN CERTIFICATE-----\nz\n-----END CERTIFICATE-----\n');

describe('temporalTlsFromEnv: mTLS to Temporal, optional', () => {
  it('none set: plain connection (the local stack binds loopback)', () => {
    expect(temporalTlsFromEnv({})).toBeUndefined();
  });

  it('all three: client certificate pair and the CA that signed the server', () => {
    const tls = temporalTlsFromEnv({
      TEMPORAL_TLS_CERT: cert,
      TEMPORAL_TLS_KEY: key,
      TEMPORAL_TLS_CA: ca,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(tls?.clientCertPair?.crt.toString()).toContain('BEGIN CERTIFICATE');
    expect(tls?.clientCertPair?.key.toString()).toContain('BEGIN PRIVATE KEY');
    expect(tls?.serverRootCACertificate?.toString()).toContain('z');
    expect(tls?.serverNameOverride).toBe('temporal.internal');
  });

  it('refuses half a configuration, a missing file and a file that is no PEM, naming the variable', () => {
    expect(() => temporalTlsFromEnv({ TEMPORAL_TLS_CERT: cert })).toThrow(
      /TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together/,
    );
    expect(() => temporalTlsFromEnv({ TEMPORAL_TLS_CA: ca })).toThrow(
      /TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together/,
    );
    expect(() =>
      temporalTlsFromEnv({
        TEMPORAL_TLS_CERT: cert,
        TEMPORAL_TLS_KEY: join(dir, 'nope.key'),
        TEMPORAL_TLS_CA: ca,
      }),
    ).toThrow(/TEMPORAL_TLS_KEY: cannot read .*nope\.key/);
    expect(() =>
      temporalTlsFromEnv({ TEMPORAL_TLS_CERT: key, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: ca }),
    ).toThrow(/TEMPORAL_TLS_CERT: .* is not a PEM certificate/);
  });
});
