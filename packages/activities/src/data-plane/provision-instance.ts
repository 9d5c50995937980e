import { randomBytes } from 'node:crypto';
import { decryptSecret } from '@rewind/core';
import { getInstance, getInstancePlan, inTenantTx } from '@rewind/db';
import type { ActivityDeps } from '../deps';
import { withHeartbeat } from '../heartbeat';
import type { InstanceRef } from './instance-facts';

/**
 * initdb + configuration + start + stanza-create on both repos. Secrets are read and decrypted
 * here, never passed in: activity inputs and outputs are stored in Temporal history in clear.
 */
export async function provisionInstance(
  deps: ActivityDeps,
  ref: InstanceRef,
): Promise<{ created: boolean }> {
  const { row, plan } = await inTenantTx(deps.db, { tenantId: ref.tenantId }, async (tx) => ({
    row: await getInstance(tx, ref.tenantId, ref.instanceId),
    plan: await getInstancePlan(tx, ref.tenantId),
  }));
  if (row.port === null) throw new Error(`instance ${ref.instanceId} has no port allocated`);
  const context = `while provisioning instance ${ref.instanceId} on host ${deps.hostId}`;
  return withHeartbeat(
    async () => {
      const result = await deps.engine
        .initInstance({
          instanceId: row.stanza,
          port: row.port!,
          // local connections use peer auth; nobody needs this password, so it is never stored
          superuserPassword: randomBytes(24).toString('base64url'),
          database: row.databaseName,
          owner: row.username,
          ownerPassword: decryptSecret(row.passwordEnc, deps.secretKey),
          ...(row.readerUsername !== null && row.readerPasswordEnc !== null
            ? {
                reader: {
                  role: row.readerUsername,
                  password: decryptSecret(row.readerPasswordEnc, deps.secretKey),
                },
              }
            : {}),
          archiveTimeoutSeconds: plan.archiveTimeoutSeconds,
          cipherPass: decryptSecret(row.repoCipherPassEnc, deps.secretKey),
          retentionFullDays: plan.retentionDays,
        })
        .catch((err: unknown) => {
          throw new Error(`${context}: ${(err as Error).message}`, { cause: err });
        });
      await createStanza(deps, row.stanza, context);
      return { created: result.created };
    },
    { phase: 'provision' },
  );
}

/** stanza-create on both repos, its error naming what it was part of. */
export async function createStanza(
  deps: ActivityDeps,
  stanza: string,
  context: string,
): Promise<void> {
  await deps.engine.stanzaCreate({ instanceId: stanza }).catch((err: unknown) => {
    throw new Error(`${context}: stanza-create: ${(err as Error).message}`, { cause: err });
  });
}
