import 'server-only';
import type { ServiceDeps } from '@rewind/services';
import { appDb } from './db';
import { temporalClient } from './temporal';

/** What @rewind/services needs from this process: the app pool (RLS) and the Temporal client. */
export function serviceDeps(): ServiceDeps {
  return { db: appDb().db, temporal: temporalClient };
}
