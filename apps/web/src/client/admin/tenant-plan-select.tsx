'use client';

import { Button } from '@rewind/ui';
import { useState } from 'react';
import type { AdminPlan, AdminTenant } from '@/server/admin/admin-types';
import { useSetTenantPlan } from './admin-queries';

export function TenantPlanSelect({ tenant, plans }: { tenant: AdminTenant; plans: AdminPlan[] }) {
  const change = useSetTenantPlan();
  const [planId, setPlanId] = useState(tenant.planId);
  const dirty = planId !== tenant.planId;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <label>
          <span className="sr-only">Plan for {tenant.name}</span>
          <select
            value={planId}
            onChange={(e) => {
              change.reset();
              setPlanId(e.target.value);
            }}
            className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm"
            data-testid={`tenant-plan-${tenant.slug}`}
          >
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {dirty ? (
          <>
            <Button
              className="h-8"
              disabled={change.isPending}
              onClick={() => change.mutate({ tenantId: tenant.id, planId })}
            >
              {change.isPending ? 'Saving…' : 'Change plan'}
            </Button>
            <Button variant="ghost" className="h-8" onClick={() => setPlanId(tenant.planId)}>
              Undo
            </Button>
          </>
        ) : null}
      </div>
      {change.isError ? (
        <p role="alert" className="max-w-xs text-xs text-red-700">
          {change.error.message}
        </p>
      ) : null}
      {change.isSuccess && !dirty ? (
        <p role="status" className="text-xs text-emerald-700">
          Plan changed and recorded in the tenant's audit trail.
        </p>
      ) : null}
    </div>
  );
}
