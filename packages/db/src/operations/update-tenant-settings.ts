import { eq } from 'drizzle-orm';
import { AppError } from '@rewind/core';
import type { Tx } from '../client';
import { tenants, type ApprovalPolicy } from '../schema';
import { getTenantSettings, type TenantSettings } from './get-tenant-settings';

export interface TenantSettingsPatch {
  retentionDays?: number;
  approvalPolicy?: ApprovalPolicy;
}

export interface TenantSettingsChange {
  before: TenantSettings;
  after: TenantSettings;
  /** the fields whose value actually changed (what the audit event records) */
  changed: Partial<Record<keyof TenantSettingsPatch, { from: unknown; to: unknown }>>;
}

/**
 * Retention and approval policy within the plan's bounds. Bounds answer 422 with the bound in
 * `details`, so a client can show "at most N days" without a second request.
 */
export async function updateTenantSettings(
  tx: Tx,
  tenantId: string,
  patch: TenantSettingsPatch,
): Promise<TenantSettingsChange> {
  const before = await getTenantSettings(tx, tenantId);
  if (patch.retentionDays !== undefined) {
    const max = before.plan.retentionDaysMax;
    if (
      !Number.isInteger(patch.retentionDays) ||
      patch.retentionDays < 1 ||
      patch.retentionDays > max
    ) {
      throw new AppError(
        'limit_exceeded',
        `retentionDays must be between 1 and ${max} on the ${before.plan.name} plan`,
        { field: 'retentionDays', min: 1, max },
      );
    }
  }
  if (patch.approvalPolicy === 'replace_only' && before.plan.approvalForAllRestores) {
    throw new AppError(
      'limit_exceeded',
      `the ${before.plan.name} plan requires approval for all restores`,
      { field: 'approvalPolicy', allowed: ['all_restores'] },
    );
  }
  const changed: TenantSettingsChange['changed'] = {};
  for (const key of ['retentionDays', 'approvalPolicy'] as const) {
    const to = patch[key];
    if (to !== undefined && to !== before[key]) changed[key] = { from: before[key], to };
  }
  if (Object.keys(changed).length > 0) {
    await tx
      .update(tenants)
      .set({
        ...(patch.retentionDays !== undefined ? { retentionDays: patch.retentionDays } : {}),
        ...(patch.approvalPolicy !== undefined ? { approvalPolicy: patch.approvalPolicy } : {}),
      })
      .where(eq(tenants.id, tenantId));
  }
  return { before, after: await getTenantSettings(tx, tenantId), changed };
}
