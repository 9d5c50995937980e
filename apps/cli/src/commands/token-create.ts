import { createCliToken, createDb, createPlatformDb, type StackEnvLike } from '../deps';

export interface TokenCreateArgs {
  tenant: string;
  email: string;
  name?: string;
}

/** Prints a new API token once (the flow: `createCliToken` in @rewind/services). */
export async function tokenCreate(env: StackEnvLike, args: TokenCreateArgs): Promise<number> {
  const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 1,
    applicationName: 'rewind-cli',
  });
  const app = createDb(env.CONTROL_DATABASE_URL, { max: 1, applicationName: 'rewind-cli' });
  try {
    const name = args.name ?? `cli ${new Date().toISOString().slice(0, 19)}Z`;
    const created = await createCliToken(
      { platform: platform.db, app: app.db },
      { tenantSlug: args.tenant, email: args.email, name },
    );
    console.error(
      `API token "${created.token.name}" for ${created.email} in ${created.tenantSlug} (shown once, store it now):`,
    );
    console.log(created.token.token);
    return 0;
  } finally {
    await Promise.all([platform.close(), app.close()]);
  }
}
