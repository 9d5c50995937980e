import { decryptSecret, type Keyring } from '@rewind/core';
import type { InstanceRecord } from './get-instance';

/** Where and as whom to connect; the password is fetched on its own (`instanceCredentials`). */
export interface InstanceConnectionView {
  host: string;
  port: number | null;
  database: string;
  user: string;
  /** which of the instance's two roles these credentials are */
  access: 'owner' | 'read_only';
}

/** The same with the decrypted password: only `POST /instances/{id}/password` answers it, audited. */
export interface InstanceCredentialsView extends InstanceConnectionView {
  password: string;
}

type ConnectionRow = Pick<
  InstanceRecord,
  'port' | 'databaseName' | 'username' | 'passwordEnc' | 'readerUsername' | 'readerPasswordEnc'
>;

/**
 * The role a principal connects as: the owner role for those with `instance:connect_owner`
 * (owners, admins), else the read-only role (members), or none while an instance made before
 * that role existed has not got it yet (plan apply or start makes it). No password: views that
 * are polled must not decrypt one.
 */
export function instanceConnection(
  row: ConnectionRow,
  options: { asOwner: boolean; host: string },
): InstanceConnectionView | null {
  const base = { host: options.host, port: row.port, database: row.databaseName };
  if (options.asOwner) return { ...base, user: row.username, access: 'owner' };
  if (row.readerUsername === null || row.readerPasswordEnc === null) return null;
  return { ...base, user: row.readerUsername, access: 'read_only' };
}

/** `instanceConnection` plus the password of that same role (decrypted here, never logged). */
export function instanceCredentials(
  row: ConnectionRow,
  options: { asOwner: boolean; secretKey: Keyring; host: string },
): InstanceCredentialsView | null {
  const view = instanceConnection(row, options);
  if (!view) return null;
  const enc = view.access === 'owner' ? row.passwordEnc : row.readerPasswordEnc!;
  return { ...view, password: decryptSecret(enc, options.secretKey) };
}
