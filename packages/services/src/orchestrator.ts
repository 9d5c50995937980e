import { AppError } from '@rewind/core';
import type { Client } from '@temporalio/client';
import type { ServiceDeps } from './service-deps';

const UNAVAILABLE = 'the orchestrator is unavailable; try again shortly';

/** The Temporal client, or `unavailable` (503) with `message`, logging why under `scope`. */
export async function orchestrator(
  deps: ServiceDeps,
  scope: string,
  message: string = UNAVAILABLE,
): Promise<Client> {
  try {
    return await deps.temporal();
  } catch (err) {
    console.error(`[${scope}] temporal unreachable`, err);
    throw new AppError('unavailable', message);
  }
}
