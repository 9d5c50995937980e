import {
  AppError,
  appendAuditEvent,
  createApiTokenRecord,
  createDb,
  createPlatformDb,
  eq,
  findUserByEmail,
  inTenantTx,
  tenants,
  type StackEnvLike,
} from '../deps';

export interface TokenCreateArgs {
  tenant: string;
  email: string;
  name?: string;
}

/**
 * Prints a new API token once. The tenant and person are resolved as the platform role
 * (before a tenant is known); the token itself is written through the tenant path, under RLS,
 * together with its audit event.
 */
export async function tokenCreate(env: StackEnvLike, args: TokenCreateArgs): Promise<number> {
  const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 1,
    applicationName: 'rewind-cli',
  });
  const app = createDb(env.CONTROL_DATABASE_URL, { max: 1, applicationName: 'rewind-cli' });
  try {
    const [tenant] = await platform.db
      .select({ id: tenants.id, slug: tenants.slug })
      .from(tenants)
      .where(eq(tenants.slug, args.tenant));
    if (!tenant)
      throw new AppError(
        'not_found',
        `no tenant with slug ${JSON.stringify(args.tenant)} (see: tenants list)`,
      );
    const user = await findUserByEmail(platform.db, args.email);
    if (!user) throw new AppError('not_found', `no user with email ${JSON.stringify(args.email)}`);

    const name = args.name ?? `cli ${new Date().toISOString().slice(0, 19)}Z`;
    const created = await inTenantTx(app.db, { tenantId: tenant.id }, async (tx) => {
      const token = await createApiTokenRecord(tx, {
        tenantId: tenant.id,
        userId: user.id,
        name,
      }).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'forbidden') {
          throw new AppError(
            'forbidden',
            `${user.email} is not a member of ${tenant.slug}; refusing to create a token`,
          );
        }
        throw err;
      });
      await appendAuditEvent(tx, {
        tenantId: tenant.id,
        actor: { type: 'system', id: 'cli', email: null },
        action: 'token.created',
        target: { type: 'api_token', id: token.id },
        data: {
          name: token.name,
          displayPrefix: token.displayPrefix,
          forUser: user.email,
          via: 'admin-cli',
        },
      });
      return token;
    });
    console.error(
      `API token "${created.name}" for ${user.email} in ${tenant.slug} (shown once, store it now):`,
    );
    console.log(created.token);
    return 0;
  } finally {
    await Promise.all([platform.close(), app.close()]);
  }
}
