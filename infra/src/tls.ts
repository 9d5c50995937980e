import { existsSync, mkdirSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './process';

/**
 * pgBackRest 2.45 only talks HTTPS to S3, so every S3 server gets a certificate from one
 * local CA that clients (pgBackRest, the AWS SDK) are told to trust via a CA file.
 */
export async function ensureCa(
  tlsDir: string,
): Promise<{ caCert: string; caKey: string; created: boolean }> {
  mkdirSync(tlsDir, { recursive: true, mode: 0o755 });
  const caKey = join(tlsDir, 'ca.key');
  const caCert = join(tlsDir, 'ca.crt');
  if (existsSync(caKey) && existsSync(caCert)) return { caCert, caKey, created: false };
  try {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      caKey,
      '-out',
      caCert,
      '-days',
      '3650',
      '-subj',
      '/CN=Rewind Local CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
  } catch (err) {
    throw new Error(`while creating the local CA in ${tlsDir}: ${(err as Error).message}`);
  }
  chmodSync(caKey, 0o600);
  return { caCert, caKey, created: true };
}

/** One server certificate per S3 server, valid for localhost and 127.0.0.1. */
export async function ensureServerCert(
  tlsDir: string,
  name: string,
): Promise<{ cert: string; key: string; created: boolean }> {
  const { caCert, caKey } = await ensureCa(tlsDir);
  const key = join(tlsDir, `${name}.key`);
  const cert = join(tlsDir, `${name}.crt`);
  if (existsSync(key) && existsSync(cert)) return { cert, key, created: false };
  const csr = join(tlsDir, `${name}.csr`);
  const ext = join(tlsDir, `${name}.ext`);
  writeFileSync(
    ext,
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '',
    ].join('\n'),
  );
  try {
    await run('openssl', [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      '/CN=localhost',
    ]);
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caCert,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '825',
      '-extfile',
      ext,
    ]);
  } catch (err) {
    rmSync(cert, { force: true });
    throw new Error(`while issuing the ${name} server certificate: ${(err as Error).message}`);
  } finally {
    rmSync(csr, { force: true });
    rmSync(ext, { force: true });
  }
  chmodSync(key, 0o600);
  return { cert, key, created: true };
}
