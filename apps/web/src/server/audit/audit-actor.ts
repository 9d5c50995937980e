import type { AuditActor } from '@rewind/db';
import type { Principal } from '../auth/principal';

/** Who an audit event names: the person, or the token acting for them (with the person's email). */
export function auditActor(principal: Principal): AuditActor {
  return principal.kind === 'token'
    ? { type: 'token', id: principal.tokenId, email: principal.email }
    : { type: 'user', id: principal.userId, email: principal.email };
}
