import { encryptSecret } from '@rewind/core';
import { describe, expect, it } from 'vitest';
import { instanceConnection, instanceCredentials } from './instance-connection';
import type { InstanceRecord } from './get-instance';

const key = 'ab'.repeat(32);
const row = (reader: boolean) =>
  ({
    port: 6001,
    databaseName: 'orders',
    username: 'app',
    passwordEnc: encryptSecret('owner-pass', key),
    readerUsername: reader ? 'app_readonly' : null,
    readerPasswordEnc: reader ? encryptSecret('reader-pass', key) : null,
  }) as unknown as InstanceRecord;

describe('instanceConnection / instanceCredentials: who gets which role', () => {
  it('owners and admins get the owner role; the connection view carries no password', () => {
    expect(instanceConnection(row(true), { asOwner: true, host: 'h' })).toEqual({
      host: 'h',
      port: 6001,
      database: 'orders',
      user: 'app',
      access: 'owner',
    });
    expect(instanceCredentials(row(true), { asOwner: true, secretKey: key, host: 'h' })).toEqual({
      host: 'h',
      port: 6001,
      database: 'orders',
      user: 'app',
      password: 'owner-pass',
      access: 'owner',
    });
  });

  it('members get only the read-only role, never the owner password', () => {
    const c = instanceCredentials(row(true), { asOwner: false, secretKey: key, host: 'h' });
    expect(c).toEqual({
      host: 'h',
      port: 6001,
      database: 'orders',
      user: 'app_readonly',
      password: 'reader-pass',
      access: 'read_only',
    });
    expect(JSON.stringify(c)).not.toContain('owner-pass');
  });

  it('members get no credentials until the read-only role exists', () => {
    expect(instanceConnection(row(false), { asOwner: false, host: 'h' })).toBeNull();
    expect(
      instanceCredentials(row(false), { asOwner: false, secretKey: key, host: 'h' }),
    ).toBeNull();
  });
});
