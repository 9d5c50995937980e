import 'server-only';
import { temporalConnectOptions } from '@rewind/core';
import { Client, Connection } from '@temporalio/client';
import { TEMPORAL_CHANNEL_ARGS } from '@rewind/core';
import { env } from './env';

const CONNECT_TIMEOUT_MS = 2_000;

const g = globalThis as typeof globalThis & { __rewindTemporal?: Promise<Connection> };

/**
 * One gRPC connection per process. A failed attempt is forgotten so the next request
 * retries instead of replaying the same rejection forever. Once connected, the channel
 * reconnects by itself when Temporal restarts (backoff capped by TEMPORAL_CHANNEL_ARGS).
 */
export function temporalConnection(): Promise<Connection> {
  if (!g.__rewindTemporal) {
    const attempt = Connection.connect({
      ...temporalConnectOptions(env()),
      connectTimeout: CONNECT_TIMEOUT_MS,
      channelArgs: { ...TEMPORAL_CHANNEL_ARGS },
    });
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
