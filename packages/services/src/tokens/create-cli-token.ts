import { AppError } from '@rewind/core';
import {
  appendAuditEvent,
  createApiTokenRecord,
  findTenantBySlug,
  findUserByEmail,
  inTenantTx,
  type CreatedApiToken,
  type Db,
  type PlatformDb,
} from '@rewind/db';

/**
 * The operator CLI's `token create`: the tenant and person are resolved as the platform role
 * (before a tenant is known); the token itself is written through the tenant path, under RLS,
 * together with its audit event (actor: the CLI).
 */
export async function createCliToken(
  db: { platform: PlatformDb; app: Db },
  input: { tenantSlug: string; email: string; name: string },
): Promise<{ token: CreatedApiToken; tenantSlug: string; email: string }> {
  const tenant = await findTenantBySlug(db.platform, input.tenantSlug);
  if (!tenant)
    throw new AppError(
      'not_found',
      `no tenant with slug ${JSON.stringify(input.tenantSlug)} (see: tenants list)`,
    );
  const user = await findUserByEmail(db.platform, input.email);
  if (!user) throw new AppError('not_found', `no user with email ${JSON.stringify(input.email)}`);

  const token = await inTenantTx(db.app, { tenantId: tenant.id }, async (tx) => {
    const created = await createApiTokenRecord(tx, {
      tenantId: tenant.id,
      userId: user.id,
      name: input.name,
    }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'forbidden')
        throw new AppError(
          'forbidden',
          `${user.email} is not a member of ${tenant.slug}; refusing to create a token`,
        );
      throw err;
    });
    await appendAuditEvent(tx, {
      tenantId: tenant.id,
      actor: { type: 'system', id: 'cli', email: null },
      action: 'token.created',
      target: { type: 'api_token', id: created.id },
      data: {
        name: created.name,
        displayPrefix: created.displayPrefix,
        forUser: user.email,
        via: 'admin-cli',
      },
    });
    return created;
  });
  return { token, tenantSlug: tenant.slug, email: user.email };
}
