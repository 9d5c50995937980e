/**
 * The one permission matrix. Tenant roles come from memberships; the platform admin flag
 * is on the user and is orthogonal to any tenant role.
 */
export const tenantRoleNames = ['owner', 'admin', 'member'] as const;
export type Role = (typeof tenantRoleNames)[number];

export const permissionNames = [
  'instance:read',
  'instance:connect_owner',
  'instance:create',
  'instance:backup',
  'instance:operate',
  'instance:delete',
  'retention:update',
  'restore:read',
  'restore:request',
  'restore:approve',
  'restore:cancel',
  'validation:manage',
  'member:read',
  'member:manage',
  'token:manage',
  'audit:read',
  'alert:read',
  'webhook:manage',
  'plan:manage',
  'fleet:read',
] as const;
export type Permission = (typeof permissionNames)[number];

/** Granted only by the platform admin flag, never by a tenant role. */
export const platformPermissions = [
  'plan:manage',
  'fleet:read',
] as const satisfies readonly Permission[];

const O = 'owner';
const A = 'admin';
const M = 'member';

/** Read this table top to bottom to know who may do what. */
const MATRIX: Record<Permission, readonly Role[]> = {
  'instance:read': [O, A, M],
  // the owner role's credentials (it can write and drop); every other reader of an instance gets
  // the read-only role's (pg_read_all_data)
  'instance:connect_owner': [O, A],
  'instance:create': [O, A],
  'instance:backup': [O, A],
  // stop and start: operational, like a backup, and undone by the opposite action
  'instance:operate': [O, A],
  // irreversible for the data directory (backups stay until retention): owners only
  'instance:delete': [O],
  'retention:update': [O, A],
  'restore:read': [O, A, M],
  'restore:request': [O, A],
  // A second person must approve; that the approver is not the requester is checked where the
  // restore is known (see restore approval), not here.
  'restore:approve': [O, A],
  'restore:cancel': [O, A],
  // the tenant's own checks on every restored copy: they decide whether a restore (or a replace's
  // cutover) goes ahead, so the people who may restore manage them; members read them
  'validation:manage': [O, A],
  'member:read': [O, A, M],
  'member:manage': [O],
  'token:manage': [O],
  'audit:read': [O, A, M],
  'alert:read': [O, A, M],
  // a webhook receives every alert of the tenant with a secret shown once: owners only, like tokens
  'webhook:manage': [O],
  'plan:manage': [],
  'fleet:read': [],
};

export interface Principal {
  /** role in the tenant being acted on; null when the person is not a member */
  role: Role | null;
  isPlatformAdmin?: boolean;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (tenantRoleNames as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (permissionNames as readonly string[]).includes(value);
}

/**
 * `can('admin', 'restore:request')`, or with a principal for platform permissions:
 * `can({ role: null, isPlatformAdmin: true }, 'fleet:read')`.
 * Platform admins see every tenant (read permissions), but do not act inside a tenant
 * (restore, create) unless they also hold a role there.
 */
export function can(who: Role | Principal | null, permission: Permission): boolean {
  const principal: Principal = who === null || typeof who === 'string' ? { role: who } : who;
  if ((platformPermissions as readonly Permission[]).includes(permission))
    return principal.isPlatformAdmin === true;
  if (principal.role && MATRIX[permission].includes(principal.role)) return true;
  return principal.isPlatformAdmin === true && PLATFORM_TENANT_READS.has(permission);
}

const PLATFORM_TENANT_READS: ReadonlySet<Permission> = new Set([
  'instance:read',
  'restore:read',
  'member:read',
  'audit:read',
  'alert:read',
]);

export function permissionsFor(who: Role | Principal | null): Permission[] {
  return permissionNames.filter((p) => can(who, p));
}
