import { parseStackEnv, type StackEnv } from '@rewind/core';
import {
  createApiTokenRecord,
  createPlatformDb,
  inTenantTx,
  type PlatformDbHandle,
} from '@rewind/db';
import { seedDemo, type DemoCredentials } from '@rewind/db/seed';

/**
 * Fixtures for tests that hit the running web app: the demo tenants and people (seedDemo is
 * idempotent, so calling it again just returns their ids) and fresh API tokens.
 */
export interface StackFixtures {
  env: StackEnv;
  baseUrl: string;
  demo: DemoCredentials;
  platform: PlatformDbHandle;
  /** a new token for the owner of `tenantSlug` */
  ownerToken(tenantSlug: string): Promise<string>;
  close(): Promise<void>;
}

export async function stackFixtures(): Promise<StackFixtures> {
  const env = parseStackEnv(process.env);
  const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 2,
    applicationName: 'rewind-web-tests',
  });
  const demo = await seedDemo(platform.db);
  return {
    env,
    baseUrl: env.WEB_URL.replace(/\/$/, ''),
    demo,
    platform,
    async ownerToken(tenantSlug) {
      const tenant = demo.tenants.find((t) => t.slug === tenantSlug);
      const owner = demo.users.find((u) => u.tenant === tenantSlug && u.role === 'owner');
      if (!tenant || !owner) throw new Error(`no demo owner for tenant ${tenantSlug}`);
      const created = await inTenantTx(platform.db, { tenantId: tenant.id }, (tx) =>
        createApiTokenRecord(tx, {
          tenantId: tenant.id,
          userId: owner.id,
          name: `web integration test ${Date.now()}`,
        }),
      );
      return created.token;
    },
    close: () => platform.close(),
  };
}
