import { updatePlan } from '@rewind/db';
import { readJsonBody } from '@/server/api/read-json-body';
import { withPlatformAdmin } from '@/server/api/with-platform-admin';
import { planLimitsBody } from '@/server/admin/plan-body';
import { requirePlatformPermission } from '@/server/admin/require-platform-permission';
import { toAdminPlan } from '@/server/admin/admin-views';
import { auditActor } from '@/server/audit/audit-actor';

export const dynamic = 'force-dynamic';

/** Edits a plan's limits (`plan:manage`), audited on the platform chain. */
export const PATCH = withPlatformAdmin<{ id: string }>(async ({ db, principal, params, req }) => {
  requirePlatformPermission(principal, 'plan:manage');
  const body = await readJsonBody(req, planLimitsBody);
  const change = await updatePlan(db, params.id, body, auditActor(principal));
  return Response.json({ plan: toAdminPlan(change.after), changed: change.changed }, { headers: { 'cache-control': 'no-store' } });
});
