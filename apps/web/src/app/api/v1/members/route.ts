import { listMembers } from '@rewind/db';
import { inviteTenantMember } from '@rewind/services';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { env } from '@/server/env';
import { addMemberBody } from '@/server/tenancy/member-bodies';
import { methodNotAllowed } from '@/server/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = withTenant(
  async ({ tx, tenant }) => {
    const members = await listMembers(tx, tenant.tenantId);
    return Response.json(
      members.map((m) => ({
        userId: m.userId,
        email: m.email,
        name: m.name,
        role: m.role,
        since: m.createdAt.toISOString(),
      })),
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['member:read'] },
);

/**
 * Invites an email to the tenant. Nobody is added without accepting (the invitee signs in and
 * opens the link), and the answer is the same whether or not the email has an account.
 */
export const POST = withTenant(
  async ({ tx, tenant, principal, req }) => {
    const body = await readJsonBody(req, addMemberBody);
    const invitation = await inviteTenantMember(tx, {
      tenantId: tenant.tenantId,
      email: body.email,
      role: body.role,
      actor: auditActor(principal),
      invitedBy: principal.userId,
    });
    const { token, ...shown } = invitation;
    return Response.json(
      {
        invitation: { ...shown, expiresAt: shown.expiresAt.toISOString() },
        acceptUrl: `${env().WEB_URL.replace(/\/$/, '')}/invitations/${token}`,
      },
      { status: 202, headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['member:manage'] },
);

const notAllowed = methodNotAllowed(['GET', 'POST']);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
