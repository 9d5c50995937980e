import { AppError } from '@rewind/core';
import { addMember, appendAuditEvent, findUserByEmail, listMembers } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withTenant } from '@/server/api/with-tenant';
import { auditActor } from '@/server/audit/audit-actor';
import { platformDb } from '@/server/db';
import { addMemberBody } from '@/server/tenancy/member-bodies';

export const dynamic = 'force-dynamic';

export const GET = withTenant(
  async ({ tx, tenant }) => {
    const members = await listMembers(tx, tenant.tenantId);
    return Response.json(
      members.map((m) => ({ userId: m.userId, email: m.email, name: m.name, role: m.role, since: m.createdAt.toISOString() })),
      { headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['member:read'] },
);

/** Adds an existing Rewind user by email. People are global, so the lookup runs on the platform pool. */
export const POST = withTenant(
  async ({ tx, tenant, principal, req }) => {
    const body = await readJsonBody(req, addMemberBody);
    const user = await findUserByEmail(platformDb().db, body.email);
    if (!user) throw new AppError('not_found', 'no Rewind user has that email; they must have an account first');
    const added = await addMember(tx, tenant.tenantId, { userId: user.id, role: body.role });
    await appendAuditEvent(tx, {
      tenantId: tenant.tenantId,
      actor: auditActor(principal),
      action: 'member.added',
      target: { type: 'user', id: user.id },
      data: { email: user.email, role: added.role },
    });
    return Response.json(
      { userId: user.id, email: user.email, name: user.name, role: added.role },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    );
  },
  { permissions: ['member:manage'] },
);
