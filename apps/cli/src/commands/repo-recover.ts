import { userInfo } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  AppError,
  CONTROL_PLANE_QUEUE,
  Client,
  Connection,
  createPlatformDb,
  eq,
  instances,
  parseTargetTime,
  workflowIds,
  type RecoverRepositoryResult,
  type RecoverRepositoryWorkflow,
  type StackEnvLike,
} from '../deps';

export interface RepoRecoverArgs {
  instance: string;
  asOf: string;
  json?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * After an attack on the repositories (current objects deleted or overwritten with a stolen host
 * key): rebuilds the instance's repositories in both regions as of `--as-of` from object versions
 * into a fresh prefix, through the `recoverRepository` workflow (audited as repository.recovered),
 * and prints the path an ordinary pgBackRest restore then reads (`--repoN-path`).
 */
export async function repoRecover(env: StackEnvLike, args: RepoRecoverArgs): Promise<number> {
  if (!UUID.test(args.instance))
    throw new AppError('validation_failed', `--instance ${JSON.stringify(args.instance)} is not an instance id`);
  const asOf = parseTargetTime(args.asOf); // refuses a naive or malformed time before anything runs
  if (Number(asOf.epochMicros / 1000n) > Date.now())
    throw new AppError('validation_failed', `--as-of ${args.asOf} is in the future`);
  const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, { max: 1, applicationName: 'rewind-cli' });
  let instance: { id: string; tenantId: string; stanza: string } | undefined;
  try {
    [instance] = await platform.db
      .select({ id: instances.id, tenantId: instances.tenantId, stanza: instances.stanza })
      .from(instances)
      .where(eq(instances.id, args.instance));
  } finally {
    await platform.close();
  }
  if (!instance) throw new AppError('not_found', `no instance ${args.instance}`);

  const recoveryId = `r${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  let result: RecoverRepositoryResult;
  try {
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    console.error(`recovering the repositories of ${instance.id} as of ${asOf.iso} (recovery ${recoveryId})…`);
    result = await client.workflow.execute<typeof RecoverRepositoryWorkflow>('recoverRepository', {
      taskQueue: CONTROL_PLANE_QUEUE,
      workflowId: workflowIds.repoRecover(instance.tenantId, instance.id, recoveryId),
      args: [{ instanceId: instance.id, asOf: asOf.iso, recoveryId, requestedBy: `cli:${userInfo().username}` }],
    });
  } finally {
    await connection.close();
  }
  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const r of result.regions)
      console.log(
        r.ok
          ? `${r.region}: recovered ${r.archive!.copied} archive and ${r.backup!.copied} backup objects (${r.archive!.bytes + r.backup!.bytes} bytes)`
          : `${r.region}: NOT recovered: ${r.error}`,
      );
    console.log(`recovered repository path: ${result.repoPath} (stanza ${result.stanza})`);
    console.log(
      `restore from it: pgbackrest --stanza=${result.stanza} --repo=<1|2> --repo<1|2>-path=${result.repoPath} restore …`,
    );
  }
  return result.regions.every((r) => r.ok) ? 0 : 1;
}
