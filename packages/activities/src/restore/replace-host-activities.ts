import { stat } from 'node:fs/promises';
import path from 'node:path';
import { decryptSecret } from '@rewind/core';
import { getInstance, inTenantTx } from '@rewind/db';
import { sqlIdentifier, sqlLiteral } from '@rewind/engine';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';

export interface CutoverResult {
  timeline: number;
  markedForArchive: string[];
}

/**
 * Replace mode on the source's host: the source's endpoint (port, record, stanza) moves onto
 * restored data, its previous data kept aside in its own instance directory for undo.
 * Directory names carry the restore id, so every step can tell how far an earlier attempt got.
 */
export function replaceHostActivities(deps: ActivityDeps) {
  const { engine } = deps;
  const source = (tenantId: string, instanceId: string) =>
    inTenantTx(deps.db, { tenantId }, (tx) => getInstance(tx, tenantId, instanceId));
  const dirs = (stanza: string, restoreId: string) => {
    const root = engine.paths(stanza).root;
    return {
      /** the source's data as it was before the cutover */
      before: path.join(root, `pgdata.before-${restoreId}`),
      /** the restored data, after an undo put the old data back */
      undone: path.join(root, `pgdata.undone-${restoreId}`),
    };
  };

  /** The restored copy carries the clone's passwords for the tenant's roles; the endpoint keeps its own. */
  const restoreCredentials = async (tenantId: string, instanceId: string) => {
    const rec = await source(tenantId, instanceId);
    const password = decryptSecret(rec.passwordEnc, deps.secretKey);
    await engine.runSql(
      { socketDir: engine.paths(rec.stanza).run, port: rec.port! },
      `ALTER ROLE ${sqlIdentifier(rec.username)} PASSWORD ${sqlLiteral(password)};`,
      {
        context: `restoring the password of ${rec.username} on instance ${rec.id}`,
        secrets: [password],
      },
    );
    if (rec.readerUsername !== null && rec.readerPasswordEnc !== null)
      await engine.ensureReaderRole(
        { socketDir: engine.paths(rec.stanza).run, port: rec.port! },
        {
          role: rec.readerUsername,
          password: decryptSecret(rec.readerPasswordEnc, deps.secretKey),
        },
        { label: `instance ${rec.id}` },
      );
  };

  return {
    /** Stop the source, set its data aside, move the verified copy in, archive into the same stanza, start. */
    async cutoverToRestored(input: {
      tenantId: string;
      restoreId: string;
      sourceInstanceId: string;
      cloneId: string;
    }): Promise<CutoverResult> {
      const rec = await source(input.tenantId, input.sourceInstanceId);
      const r = await withHeartbeat(
        () =>
          engine.swapPgdata({
            instanceId: rec.stanza,
            incomingPgdata: engine.paths(input.cloneId).pgdata,
            asideDir: dirs(rec.stanza, input.restoreId).before,
          }),
        { phase: 'cutover' },
      );
      await restoreCredentials(input.tenantId, input.sourceInstanceId);
      return r;
    },

    /**
     * Compensation of a failed cutover, and undo within the TTL: the data set aside goes back.
     * The data it displaces is kept aside too (as "undone") until the TTL destroys both.
     */
    async swapBackOriginal(input: {
      tenantId: string;
      restoreId: string;
      sourceInstanceId: string;
    }): Promise<CutoverResult | null> {
      const rec = await source(input.tenantId, input.sourceInstanceId);
      const d = dirs(rec.stanza, input.restoreId);
      const exists = (p: string) =>
        stat(p).then(
          () => true,
          () => false,
        );
      const aside = await exists(d.before);
      const undoneAlready = await exists(d.undone);
      // nothing was set aside: the cutover never moved the source's data (compensation of an early failure)
      if (!aside && !undoneAlready) {
        await engine.startInstance({ instanceId: rec.stanza });
        return null;
      }
      const r = await withHeartbeat(
        () =>
          engine.swapPgdata({
            instanceId: rec.stanza,
            incomingPgdata: d.before,
            asideDir: d.undone,
          }),
        { phase: 'undo' },
      );
      await restoreCredentials(input.tenantId, input.sourceInstanceId);
      return r;
    },

    /** TTL expiry: the data kept for undo is destroyed (both sides, whichever exist). Idempotent. */
    async destroyReplacedData(input: {
      tenantId: string;
      restoreId: string;
      sourceInstanceId: string;
    }): Promise<void> {
      // the source may have been deleted meanwhile: its kept-aside data must still go
      const rec = await inTenantTx(deps.db, { tenantId: input.tenantId }, (tx) =>
        getInstance(tx, input.tenantId, input.sourceInstanceId, { includeDeleted: true }),
      );
      const d = dirs(rec.stanza, input.restoreId);
      await withHeartbeat(async () => {
        for (const dir of [d.before, d.undone])
          await engine.destroyCluster({
            pgdata: dir,
            label: `data kept aside by restore ${input.restoreId}`,
          });
      });
    },
  };
}
