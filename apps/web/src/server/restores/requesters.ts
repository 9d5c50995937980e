import 'server-only';

/** Who asked for a restore, as the API shows it: approvers must see whether it was them. */
export interface RequesterView {
  id: string;
  /** null once the person is no longer a member: RLS hides users outside the tenant */
  email: string | null;
}

/** `emails` from findUserEmails (@rewind/db), read in the tenant transaction. */
export function toRequesterView(
  id: string | null,
  emails: ReadonlyMap<string, string>,
): RequesterView | null {
  return id === null ? null : { id, email: emails.get(id) ?? null };
}
