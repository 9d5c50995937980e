import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * mTLS to the Temporal frontend, for deployments where Temporal is not on loopback: the worker
 * and the web present a client certificate and check the server's against a CA. All optional;
 * unset, the connection is plain (the local stack binds Temporal to 127.0.0.1 only). Paths to
 * PEM files, validated at start-up like the rest of the environment.
 */
export const temporalTlsEnvSchema = z
  .object({
    TEMPORAL_TLS_CERT: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS_CA: z.string().min(1).optional(),
    /** the name in the server's certificate, when it differs from TEMPORAL_ADDRESS's host */
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  })
  .superRefine((v, ctx) => {
    const any =
      v.TEMPORAL_TLS_CERT ?? v.TEMPORAL_TLS_KEY ?? v.TEMPORAL_TLS_CA ?? v.TEMPORAL_TLS_SERVER_NAME;
    if (
      any !== undefined &&
      (v.TEMPORAL_TLS_CERT === undefined || v.TEMPORAL_TLS_KEY === undefined)
    )
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together (mutual TLS), with TEMPORAL_TLS_CA for a private CA',
      });
  });

/** The shape both @temporalio/client's Connection and @temporalio/worker's NativeConnection take as `tls`. */
export interface TemporalTls {
  clientCertPair?: { crt: Buffer; key: Buffer };
  serverRootCACertificate?: Buffer;
  serverNameOverride?: string;
}

function pem(variable: string, path: string, kind: 'CERTIFICATE' | 'PRIVATE KEY'): Buffer {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (err) {
    throw new Error(`${variable}: cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  const text = data.toString('utf8');
  const ok =
    kind === 'CERTIFICATE'
      ? /-----BEGIN CERTIFICATE-----/.test(text)
      : /-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(text);
  if (!ok)
    throw new Error(
      `${variable}: ${path} is not a PEM ${kind === 'CERTIFICATE' ? 'certificate' : 'private key'}`,
    );
  return data;
}

export function temporalTlsFromEnv(
  source: Record<string, string | undefined>,
): TemporalTls | undefined {
  const parsed = temporalTlsEnvSchema.safeParse(source);
  if (!parsed.success)
    throw new Error(
      `invalid Temporal TLS environment: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  const v = parsed.data;
  if (v.TEMPORAL_TLS_CERT === undefined || v.TEMPORAL_TLS_KEY === undefined) return undefined;
  return {
    clientCertPair: {
      crt: pem('TEMPORAL_TLS_CERT', v.TEMPORAL_TLS_CERT, 'CERTIFICATE'),
      key: pem('TEMPORAL_TLS_KEY', v.TEMPORAL_TLS_KEY, 'PRIVATE KEY'),
    },
    ...(v.TEMPORAL_TLS_CA !== undefined
      ? { serverRootCACertificate: pem('TEMPORAL_TLS_CA', v.TEMPORAL_TLS_CA, 'CERTIFICATE') }
      : {}),
    ...(v.TEMPORAL_TLS_SERVER_NAME !== undefined
      ? { serverNameOverride: v.TEMPORAL_TLS_SERVER_NAME }
      : {}),
  };
}

/** What both Connection.connect and NativeConnection.connect take: the address, and mTLS when configured. */
export function temporalConnectOptions(
  env: { TEMPORAL_ADDRESS: string },
  source: Record<string, string | undefined> = process.env,
): { address: string; tls?: TemporalTls } {
  const tls = temporalTlsFromEnv(source);
  return tls ? { address: env.TEMPORAL_ADDRESS, tls } : { address: env.TEMPORAL_ADDRESS };
}
