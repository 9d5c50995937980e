import { userInfo } from 'node:os';
import {
  Client,
  Connection,
  createPlatformDb,
  recoverRepositoryAsOf,
  temporalConnectOptions,
  type StackEnvLike,
} from '../deps';

export interface RepoRecoverArgs {
  instance: string;
  asOf: string;
  json?: boolean;
}

/**
 * After an attack on the repositories (current objects deleted or overwritten with a stolen host
 * key): rebuilds the instance's repositories in both regions as of `--as-of` from object versions
 * into a fresh prefix (audited as repository.recovered) and prints the path an ordinary pgBackRest
 * restore then reads (`--repoN-path`). Exit 1 when a region could not be recovered.
 */
export async function repoRecover(env: StackEnvLike, args: RepoRecoverArgs): Promise<number> {
  const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 1,
    applicationName: 'rewind-cli',
  });
  let connection: Connection | undefined;
  try {
    const result = await recoverRepositoryAsOf(
      {
        platformDb: platform.db,
        temporal: async () => {
          connection = await Connection.connect(temporalConnectOptions(env));
          console.error(`recovering the repositories of ${args.instance} as of ${args.asOf}…`);
          return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
        },
      },
      { instanceId: args.instance, asOf: args.asOf, requestedBy: `cli:${userInfo().username}` },
    );
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
  } finally {
    await connection?.close();
    await platform.close();
  }
}
