import type { Role } from '@rewind/core';

/** Who is calling. A token is bound to one tenant and one user; a session is a person. */
export type Principal =
  | { kind: 'session'; userId: string; email: string; name: string; isPlatformAdmin: boolean }
  | {
      kind: 'token';
      tokenId: string;
      userId: string;
      email: string;
      /** the token's name, so logs and /me say which token acted */
      name: string;
      tenantId: string;
      /** tokens never carry platform powers, whoever made them */
      isPlatformAdmin: false;
      /** when non-empty, the token may use only these permissions (on top of its person's role) */
      scopes: readonly string[];
    };

/** A tenant the principal belongs to, with the role held there. */
export interface TenantMembership {
  tenantId: string;
  slug: string;
  name: string;
  role: Role;
}
