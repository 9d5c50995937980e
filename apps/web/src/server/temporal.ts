import 'server-only';
import { temporalConnectOptions } from '@rewind/core';
import { Client, Connection } from '@temporalio/client';
import { env } from './env';

const CONNECT_TIMEOUT_MS = 2_000;

const g = globalThis as typeof globalThis & { __rewindTemporal?: Promise<Connection> };

/**
 * One gRPC connection per process. A failed attempt is forgotten so the next request
 * retries instead of replaying the same rejection forever.
 */
export function temporalConnection(): Promise<Connection> {
  if (!g.__rewindTemporal) {
    const attempt = Connection.connect({ ...temporalConnectOptions(env()), connectTimeout: CONNECT_TIMEOUT_MS });
    g.__rewindTemporal = attempt;
    attempt.catch(() => {
      if (g.__rewindTemporal === attempt) g.__rewindTemporal = undefined;
    });
  }
  return g.__rewindTemporal;
}

export async function temporalClient(): Promise<Client> {
  const connection = await temporalConnection();
  return new Client({ connection, namespace: env().TEMPORAL_NAMESPACE });
}
