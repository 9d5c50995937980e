import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { InstanceRecord } from '@rewind/db';
import type { Engine } from '@rewind/engine';
import type { DataPlaneHarness } from '../../apps/worker/src/data-plane-harness';
import { provisionSource } from '../../apps/worker/src/testing/restore-fixture';
import { run } from './bench-kit';

export interface BenchSource {
  source: InstanceRecord;
  sql(text: string): Promise<string>;
  pgbench(args: string[]): Promise<string>;
}

/** A source instance of the harness's tenant with SQL and pgbench on its socket. */
export async function benchSource(
  h: DataPlaneHarness,
  engine: Engine,
  tenantId: string,
  options: { context: string; archiveTimeoutSeconds?: number },
): Promise<BenchSource> {
  const source = await provisionSource(
    h.env,
    engine,
    h.db.app.db,
    tenantId,
    `bench-${randomBytes(2).toString('hex')}`,
    options.archiveTimeoutSeconds,
  );
  const target = {
    socketDir: engine.paths(source.stanza).run,
    port: source.port!,
    database: source.databaseName,
  };
  return {
    source,
    sql: (text) => engine.runSql(target, text, { context: options.context, timeoutMs: 3_600_000 }),
    pgbench: (args) =>
      run(
        path.join(h.env.PG_BIN_DIR, 'pgbench'),
        ['-h', target.socketDir, '-p', String(target.port), ...args, target.database],
        { asPostgres: true },
      ),
  };
}
