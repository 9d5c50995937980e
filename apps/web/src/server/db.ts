import 'server-only';
import { createDb, createPlatformDb, type DbHandle, type PlatformDbHandle } from '@rewind/db';
import { env } from './env';

// Survives dev-server module reloads, so hot reload does not leak pools.
const g = globalThis as typeof globalThis & {
  __rewindAppDb?: DbHandle;
  __rewindPlatformDb?: PlatformDbHandle;
};

/** rewind_app: row-level security applies; every tenant path goes through inTenantTx on this. */
export function appDb(): DbHandle {
  g.__rewindAppDb ??= createDb(env().CONTROL_DATABASE_URL, { applicationName: 'rewind-web' });
  return g.__rewindAppDb;
}

/** rewind_platform (BYPASSRLS): pre-tenant auth lookups and platform-admin routes only. */
export function platformDb(): PlatformDbHandle {
  g.__rewindPlatformDb ??= createPlatformDb(env().CONTROL_DATABASE_PLATFORM_URL, {
    max: 5,
    applicationName: 'rewind-web-platform',
  });
  return g.__rewindPlatformDb;
}
