import type { Db, PlatformDb } from '@rewind/db';
import type { Engine } from '@rewind/engine';
import type { RegionClient } from '@rewind/storage';

/**
 * What activities close over. The worker builds the real ones (apps/worker/src/main.ts);
 * only unit tests hand in fakes.
 */
export interface ActivityDeps {
  engine: Engine;
  hostId: string;
  dataDir: string;
  /** rewind_app pool: every tenant path runs inside inTenantTx, so RLS applies */
  db: Db;
  /** rewind_platform pool (BYPASSRLS): fleet-wide sweeps only, explicit at each call */
  platformDb: PlatformDb;
  /** repo1 = region A, repo2 = region B */
  regions: { a: RegionClient; b: RegionClient };
  /** REWIND_SECRET_KEY, to decrypt instance passwords and repo cipher passes */
  secretKey: string;
}
