import { seedDemo, seedReference } from '../seed';
import { createPlatformDb } from '../platform-db';
import { loadStackEnv } from '../env/load-stack-env';
import { inTenantTx } from '../tenant-tx';
import { createApiTokenRecord } from '../operations/create-api-token-record';

/**
 * `tsx packages/db/src/bin/seed.ts [--demo]`: plans + host always; with --demo also the demo
 * tenants and people, printed with their passwords and a fresh API token for the acme owner.
 */
const demo = process.argv.includes('--demo');
const env = loadStackEnv();
const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
  max: 2,
  applicationName: 'rewind-seed',
});
try {
  await seedReference(platform.db, {
    hostId: env.REWIND_HOST_ID,
    portMin: env.INSTANCE_PORT_MIN,
    portMax: env.INSTANCE_PORT_MAX,
  });
  console.log(
    `seed: plans and host ${env.REWIND_HOST_ID} (ports ${env.INSTANCE_PORT_MIN}-${env.INSTANCE_PORT_MAX}) in place`,
  );
  if (demo) {
    const creds = await seedDemo(platform.db);
    console.log('seed: demo people (local demo only)');
    for (const u of creds.users) {
      const where = u.isPlatformAdmin ? 'platform admin' : `${u.role} of ${u.tenant}`;
      console.log(`  ${u.email.padEnd(22)} ${u.password.padEnd(20)} ${where}`);
    }
    const acme = creds.tenants.find((t) => t.slug === 'acme')!;
    const owner = creds.users.find((u) => u.tenant === 'acme' && u.role === 'owner')!;
    const token = await inTenantTx(platform.db, { tenantId: acme.id }, (tx) =>
      createApiTokenRecord(tx, {
        tenantId: acme.id,
        userId: owner.id,
        name: `seed ${new Date().toISOString()}`,
      }),
    );
    console.log(`seed: API token for ${owner.email} (acme), shown once:`);
    console.log(`  ${token.token}`);
  }
} catch (err) {
  console.error('seed failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await platform.close();
}
