import { inArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { users } from '../schema';

/**
 * Emails of these users in one query, inside the tenant transaction. RLS shows only the
 * signed-in user and members of the current tenant, so nothing about other people leaks:
 * anyone else is simply absent from the map.
 */
export async function findUserEmails(
  tx: Tx,
  ids: ReadonlyArray<string | null>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.email]));
}
