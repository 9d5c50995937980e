import {
  appendAuditEvent,
  updateTenantSettings,
  type AuditActor,
  type TenantSettings,
  type TenantSettingsPatch,
  type Tx,
} from '@rewind/db';
import type { ApplyPlanRequest } from '@rewind/workflows/messages';

/**
 * PATCH /api/v1/tenant, inside the tenant transaction: retention (bounded by the plan: 422 with
 * the bound) and approval policy, each audited when it changed. `applyPlan` is set whenever
 * retention was given, changed or not, so a repeat after an orchestrator outage still applies it;
 * the caller passes it to `startApplyTenantPlan` after commit.
 */
export async function changeTenantSettings(
  tx: Tx,
  input: { tenantId: string; patch: TenantSettingsPatch; actor: AuditActor; requestedBy: string },
): Promise<{ after: TenantSettings; applyPlan: ApplyPlanRequest | null }> {
  const { tenantId } = input;
  const change = await updateTenantSettings(tx, tenantId, input.patch);
  if (change.changed.retentionDays) {
    await appendAuditEvent(tx, {
      tenantId,
      actor: input.actor,
      action: 'tenant.retention_changed',
      target: { type: 'tenant', id: tenantId },
      data: change.changed.retentionDays,
    });
  }
  if (change.changed.approvalPolicy) {
    await appendAuditEvent(tx, {
      tenantId,
      actor: input.actor,
      action: 'tenant.approval_policy_changed',
      target: { type: 'tenant', id: tenantId },
      data: change.changed.approvalPolicy,
    });
  }
  const applyPlan =
    input.patch.retentionDays !== undefined
      ? { requestedBy: input.requestedBy, reason: 'tenant.retention_changed' }
      : null;
  return { after: change.after, applyPlan };
}
