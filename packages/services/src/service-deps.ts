import type { Db } from '@rewind/db';
import type { Client } from '@temporalio/client';

/**
 * What the after-commit side of a flow needs, given by the caller (web, CLI), so this package
 * holds no connection of its own and no `server-only`.
 */
export interface ServiceDeps {
  /** rewind_app (RLS): compensations run in a tenant transaction of their own */
  db: Db;
  /** the Temporal client; rejects when the orchestrator cannot be reached */
  temporal(): Promise<Client>;
}
