import { decryptSecret, type Keyring } from '@rewind/core';
import type { InstanceRecord } from './get-instance';

export interface InstanceConnectionView {
  host: string;
  port: number | null;
  database: string;
  user: string;
  password: string;
  /** which of the instance's two roles these credentials are */
  access: 'owner' | 'read_only';
}

/**
 * The credentials a principal gets for an instance: the owner role's for those with
 * `instance:connect_owner` (owners, admins), else the read-only role's (members), or none while
 * an instance made before that role existed has not got it yet (plan apply or start makes it).
 */
export function instanceConnection(
  row: Pick<
    InstanceRecord,
    'port' | 'databaseName' | 'username' | 'passwordEnc' | 'readerUsername' | 'readerPasswordEnc'
  >,
  options: { asOwner: boolean; secretKey: Keyring; host: string },
): InstanceConnectionView | null {
  const base = { host: options.host, port: row.port, database: row.databaseName };
  if (options.asOwner)
    return {
      ...base,
      user: row.username,
      password: decryptSecret(row.passwordEnc, options.secretKey),
      access: 'owner',
    };
  if (row.readerUsername === null || row.readerPasswordEnc === null) return null;
  return {
    ...base,
    user: row.readerUsername,
    password: decryptSecret(row.readerPasswordEnc, options.secretKey),
    access: 'read_only',
  };
}
