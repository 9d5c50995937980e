import 'server-only';
import { inArray, users, type Tx } from '@rewind/db';

/** Who asked for a restore, as the API shows it: approvers must see whether it was them. */
export interface RequesterView {
  id: string;
  /** null once the person is no longer a member: RLS hides users outside the tenant */
  email: string | null;
}

/**
 * Emails of the requesters in one query, inside the tenant transaction. RLS shows only the
 * signed-in user and members of the current tenant, so nothing about other people leaks.
 */
export async function requesterEmails(
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

export function toRequesterView(
  id: string | null,
  emails: ReadonlyMap<string, string>,
): RequesterView | null {
  return id === null ? null : { id, email: emails.get(id) ?? null };
}
