import type { Engine } from '@rewind/engine';

/**
 * What activities close over. `db` and `storage` are typed loosely until @rewind/db and
 * @rewind/storage settle their public APIs; activities that need them narrow at the call site.
 */
export interface ActivityDeps {
  engine: Engine;
  hostId: string;
  dataDir: string;
  db?: unknown;
  storage?: unknown;
}
