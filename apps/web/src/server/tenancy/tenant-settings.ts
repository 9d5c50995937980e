import 'server-only';
import { approvalPolicies, type TenantSettings } from '@rewind/db';
import { z } from 'zod';

export const tenantPatchBody = z
  .object({
    // The plan's bound is checked by updateTenantSettings (422 with the bound); here only the type.
    retentionDays: z.number().int('retentionDays must be a whole number of days').safe(),
    approvalPolicy: z.enum(approvalPolicies),
  })
  .partial()
  .strict()
  .refine((b) => b.retentionDays !== undefined || b.approvalPolicy !== undefined, {
    message: 'nothing to change: give retentionDays and/or approvalPolicy',
  });

export function toTenantView(t: TenantSettings) {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    retentionDays: t.retentionDays,
    approvalPolicy: t.approvalPolicy,
    timezone: t.timezone,
    plan: t.plan,
  };
}
