import { describe, expect, it } from 'vitest';
import {
  can,
  isPermission,
  isRole,
  permissionNames,
  permissionsFor,
  type Permission,
  type Role,
} from './permissions';

// The expected matrix, written out independently of the implementation's table.
// columns: owner, admin, member, platform admin without a tenant role
const EXPECTED: Record<Permission, [boolean, boolean, boolean, boolean]> = {
  'instance:read': [true, true, true, true],
  'instance:connect_owner': [true, true, false, false],
  'instance:create': [true, true, false, false],
  'instance:backup': [true, true, false, false],
  'instance:operate': [true, true, false, false],
  'instance:delete': [true, false, false, false],
  'retention:update': [true, true, false, false],
  'restore:read': [true, true, true, true],
  'restore:request': [true, true, false, false],
  'restore:approve': [true, true, false, false],
  'restore:cancel': [true, true, false, false],
  'validation:manage': [true, true, false, false],
  'member:read': [true, true, true, true],
  'member:manage': [true, false, false, false],
  'token:manage': [true, false, false, false],
  'audit:read': [true, true, true, true],
  'alert:read': [true, true, true, true],
  'webhook:manage': [true, false, false, false],
  'plan:manage': [false, false, false, true],
  'fleet:read': [false, false, false, true],
};

const ROLES: Role[] = ['owner', 'admin', 'member'];

describe('permission matrix', () => {
  it('lists every permission in the expectation table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...permissionNames].sort());
  });

  for (const permission of permissionNames) {
    const [owner, admin, member, platform] = EXPECTED[permission];
    it(`${permission}: owner=${owner} admin=${admin} member=${member} platform=${platform}`, () => {
      expect(can('owner', permission)).toBe(owner);
      expect(can('admin', permission)).toBe(admin);
      expect(can('member', permission)).toBe(member);
      expect(can({ role: null, isPlatformAdmin: true }, permission)).toBe(platform);
      expect(can(null, permission)).toBe(false);
      expect(can({ role: null }, permission)).toBe(false);
    });
  }

  it('never grants platform permissions through a tenant role', () => {
    for (const role of ROLES) {
      expect(can(role, 'plan:manage')).toBe(false);
      expect(can({ role, isPlatformAdmin: false }, 'fleet:read')).toBe(false);
    }
  });

  it('a platform admin who is also a member gets the union', () => {
    const p = { role: 'member' as const, isPlatformAdmin: true };
    expect(can(p, 'fleet:read')).toBe(true);
    expect(can(p, 'instance:read')).toBe(true);
    expect(can(p, 'restore:request')).toBe(false);
  });

  it('permissionsFor agrees with can', () => {
    expect(permissionsFor('member')).toEqual([
      'instance:read',
      'restore:read',
      'member:read',
      'audit:read',
      'alert:read',
    ]);
    expect(permissionsFor('owner')).not.toContain('plan:manage');
    expect(permissionsFor({ role: null, isPlatformAdmin: true })).toEqual(
      expect.arrayContaining(['plan:manage', 'fleet:read', 'instance:read']),
    );
    expect(permissionsFor(null)).toEqual([]);
  });

  it('guards', () => {
    expect(isRole('owner')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isPermission('restore:request')).toBe(true);
    expect(isPermission('restore:*')).toBe(false);
  });
});
