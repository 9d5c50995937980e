import { createPlatformDb, listTenants, type StackEnvLike } from '../deps';

export async function tenantsList(env: StackEnvLike, args: { json: boolean }): Promise<number> {
  const platform = createPlatformDb(env.CONTROL_DATABASE_PLATFORM_URL, {
    max: 1,
    applicationName: 'rewind-cli',
  });
  try {
    const tenants = await listTenants(platform.db);
    if (args.json) {
      console.log(
        JSON.stringify(
          tenants.map(({ createdAt, ...t }) => ({ ...t, createdAt: createdAt.toISOString() })),
          null,
          2,
        ),
      );
      return 0;
    }
    if (tenants.length === 0) {
      console.log('no tenants (seed the demo with: tsx packages/db/src/bin/seed.ts --demo)');
      return 0;
    }
    for (const t of tenants) {
      console.log(
        `${t.slug}  ${t.name}  plan=${t.planId}  retention=${t.retentionDays}d  instances=${t.instanceCount}`,
      );
      for (const m of t.members) console.log(`  ${m.role.padEnd(6)}  ${m.email}`);
      if (t.members.length === 0) console.log('  (no members)');
    }
    return 0;
  } finally {
    await platform.close();
  }
}
