import 'server-only';
import { AppError, can, type Permission } from '@rewind/core';
import type { Principal } from '../auth/principal';

/**
 * A platform permission on top of withPlatformAdmin (which already re-read the admin flag):
 * keeps each admin write naming the permission it needs, so the matrix stays the one truth.
 */
export function requirePlatformPermission(principal: Principal, permission: Permission): void {
  if (!can({ role: null, isPlatformAdmin: principal.isPlatformAdmin }, permission)) {
    throw new AppError('forbidden', `${permission} is required`);
  }
}
