import { createDb, type Db, type DbHandle } from './client';

declare const platformBrand: unique symbol;

/**
 * A handle connected as rewind_platform (BYPASSRLS). Functions that must see across tenants
 * (sign-in lookups before a tenant is known, the admin console, seeding) take this type, so
 * passing the tenant-scoped app handle by mistake is a compile error rather than an empty
 * result at run time.
 */
export type PlatformDb = Db & { readonly [platformBrand]: true };

export interface PlatformDbHandle extends Omit<DbHandle, 'db'> {
  db: PlatformDb;
}

/** `createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL)` */
export function createPlatformDb(
  url: string,
  options: { max?: number; applicationName?: string } = {},
): PlatformDbHandle {
  const handle = createDb(url, { applicationName: 'rewind-platform', ...options });
  return { ...handle, db: handle.db as PlatformDb };
}
