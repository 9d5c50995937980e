import type { StackEnv } from '@rewind/core';
import { createApiTokenRecord, inTenantTx } from '@rewind/db';
import { loadTestEnv } from '@rewind/engine/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  cloneNotesAndEnd,
  isGreen,
  recordDrillFigures,
  syncedWindow,
  untilHealth,
  wholeWindow,
  type DrillFigures,
} from './fault-drill';
import { restoreSuite, sleep, type RestoreSuite } from './restore-suite';
import {
  DRILL_ARCHIVE_TIMEOUT_S,
  DRILL_RPO_BOUND_S,
  rowsLostBeyondRpo,
  startWriteLoad,
  type RpoVerdict,
} from './write-load';

/**
 * What every fault drill file sets up the same way: the stack's env, one restore suite whose
 * source runs the enterprise plan's archive_timeout (the tightest RPO bound), built before the
 * file's tests and closed after them, and the outcome each drill asserts (the restore is exact,
 * no committed row older than the RPO bound is lost, the window has no false gap, health is
 * green again). A drill adds its fault around it: `prepare` before the suite exists, `setUp`
 * after, `tearDown` before it closes (whatever failed), `cleanUp` after.
 */
export interface FaultDrillOptions {
  /** runs first; the env it answers is the suite's (s3-flapping: region A through its proxy) */
  prepare?: (env: StackEnv) => Promise<StackEnv>;
  setUp?: (s: RestoreSuite) => Promise<void>;
  tearDown?: (s: RestoreSuite) => Promise<void>;
  cleanUp?: () => Promise<void>;
  /** restoreSuite's own options (the stack's worker serving the restores, for one) */
  suite?: (env: StackEnv) => Omit<SuiteOptions, 'archiveTimeoutSeconds'>;
}

type SuiteOptions = NonNullable<Parameters<typeof restoreSuite>[2]>;

const SETUP_TIMEOUT_MS = 300_000;

export function faultDrill(name: string, options: FaultDrillOptions = {}) {
  const env = loadTestEnv();
  let suite: RestoreSuite | undefined;
  const s = (): RestoreSuite => {
    if (!suite) throw new Error(`the ${name} drill's suite is not set up`);
    return suite;
  };
  const regions = [env.REGION_A_NAME, env.REGION_B_NAME] as const;
  const target = () => ({ time: new Date(Date.parse(s().deletedAt) - 1000).toISOString() });

  beforeAll(async () => {
    const suiteEnv = options.prepare ? await options.prepare(env) : env;
    suite = await restoreSuite(suiteEnv, name, {
      ...options.suite?.(env),
      archiveTimeoutSeconds: DRILL_ARCHIVE_TIMEOUT_S,
    });
    await options.setUp?.(suite);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    try {
      if (suite) await options.tearDown?.(suite);
    } finally {
      await suite?.close();
      await options.cleanUp?.();
    }
  }, SETUP_TIMEOUT_MS);

  return {
    env,
    get s() {
      return s();
    },
    /** the pgbench write load on the source */
    startLoad: () => startWriteLoad(s().engine, s().sock()),
    /** a restore as a clone to just before the suite's DELETE: r1..r5 when exact */
    target,
    restoreBeforeDelete: () => s().start({ target: target() }),
    /** the clone holds exactly r1..r5; the restore is ended and its clone removed */
    async expectExact(
      r: Parameters<typeof cloneNotesAndEnd>[1],
      cloneId: string,
      notes = ['r1', 'r2', 'r3', 'r4', 'r5'],
    ) {
      expect(await cloneNotesAndEnd(s(), r, cloneId)).toEqual(notes);
    },
    /** sleeps until every row written by `since` is older than the RPO bound */
    untilPastRpoBound: (since: number) =>
      sleep(since + DRILL_RPO_BOUND_S * 1000 + 1000 - Date.now()),
    /**
     * Every committed load row older than the bound is in archived WAL in both regions; read
     * before anything switches WAL, so it is what archive-push achieved alone.
     */
    async expectNothingLostBeyondRpo(label: string, clockSkewMs?: number): Promise<RpoVerdict> {
      const rpo = await rowsLostBeyondRpo(
        s().engine,
        s().sock(),
        s().source.stanza,
        regions,
        DRILL_RPO_BOUND_S,
        clockSkewMs,
      );
      console.log(`[${label}] rpo ${JSON.stringify(rpo)}`);
      expect(rpo.lostByRegion).toEqual({ [regions[0]]: 0, [regions[1]]: 0 });
      return rpo;
    },
    /** the real catalog sync finds one WAL range and no gap in each region */
    async expectWholeWindow() {
      expect(await syncedWindow(s())).toEqual(wholeWindow(env));
    },
    untilGreen: (timeoutMs = 60_000) => untilHealth(env, isGreen, timeoutMs),
    /** the drill's figures for bench/faults.ts; rows lost are the verdict's, over both regions */
    record: (rpo: RpoVerdict, figures: Omit<DrillFigures, 'rowsLost' | 'restoreSucceeded'>) =>
      recordDrillFigures(env, {
        ...figures,
        rowsLost: Object.values(rpo.lostByRegion).reduce((a, b) => a + b, 0),
        restoreSucceeded: true,
      }),
    /** an API token of the suite's owner, for the drill's calls to the web */
    async ownerToken(purpose: string): Promise<string> {
      const { token } = await inTenantTx(s().platform.db, { tenantId: s().tenantId }, (tx) =>
        createApiTokenRecord(tx, {
          tenantId: s().tenantId,
          userId: s().ownerId,
          name: `${purpose} ${Date.now()}`,
        }),
      );
      return token;
    },
  };
}

export { DRILL_RPO_BOUND_S, sleep };
