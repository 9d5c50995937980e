import { randomBytes } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createEngine, engineConfigFromEnv } from '@rewind/engine';
import { loadTestEnv } from '@rewind/engine/testing';
import { describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../deps';
import { hostDataPlaneActivities } from './host-data-plane-activities';

// destroyInstanceData touches only the engine: the real one, on the test stack's data dir
const engine = createEngine(engineConfigFromEnv(loadTestEnv()));
const activities = hostDataPlaneActivities({ engine } as Pick<
  ActivityDeps,
  'engine'
> as ActivityDeps);

describe('destroyInstanceData', () => {
  it('removes the data and what a replace kept aside for undo, keeps the pgBackRest config', async () => {
    const stanza = `it-destroy-${randomBytes(4).toString('hex')}`;
    const root = engine.paths(stanza).root;
    for (const dir of ['pgdata', 'pgdata.before-r1', 'pgdata.undone-r2']) {
      await mkdir(path.join(root, dir), { recursive: true });
      await writeFile(path.join(root, dir, 'PG_VERSION'), '15\n');
    }
    await writeFile(engine.paths(stanza).pgbackrestConf, '# kept for stanza-delete\n');
    await activities.destroyInstanceData({ stanza });
    expect((await readdir(root)).sort()).toEqual([
      path.basename(engine.paths(stanza).pgbackrestConf),
    ]);
    await engine.destroyInstance({ instanceId: stanza });
  });
});
