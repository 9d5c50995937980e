import { eq } from 'drizzle-orm';
import type { PlatformDb } from '../platform-db';
import { tenants } from '../schema';

/** A tenant by its slug, on the platform role (before a tenant is known); null when there is none. */
export async function findTenantBySlug(
  db: PlatformDb,
  slug: string,
): Promise<{ id: string; slug: string } | null> {
  const [tenant] = await db
    .select({ id: tenants.id, slug: tenants.slug })
    .from(tenants)
    .where(eq(tenants.slug, slug));
  return tenant ?? null;
}
