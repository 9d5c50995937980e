'use client';

import type { AdminPlan } from '@/server/admin/admin-types';
import { PageTitle } from './admin-shell';
import { usePlans, useTenants } from './admin-queries';
import { PlanEditor } from './plan-editor';
import { QueryStates } from './query-states';
import { TenantPlanSelect } from './tenant-plan-select';
import { AdminTable } from './admin-table';

export function TenantsAndPlans() {
  const tenants = useTenants();
  const plans = usePlans();
  return (
    <>
      <PageTitle
        title="Tenants & plans"
        description="Move a tenant to another plan, or change what a plan allows. Every change is audited."
      />
      <section aria-labelledby="tenants-title" className="space-y-3">
        <h2 id="tenants-title" className="text-base font-semibold">
          Tenants
        </h2>
        <QueryStates
          query={tenants}
          what="tenants"
          isEmpty={(t) => t.length === 0}
          empty={{ title: 'No tenants' }}
        >
          {(rows) => (
            <AdminTable
              testId="admin-tenant-plans"
              columns={[
                { label: 'Tenant' },
                { label: 'Plan' },
                { label: 'Retention', className: 'hidden sm:table-cell' },
                { label: 'Members', className: 'hidden sm:table-cell' },
                { label: 'Instances', className: 'text-right' },
              ]}
              pad="px-4"
            >
              {rows.map((t) => (
                <tr key={t.id} data-testid="tenant-row">
                  <td className="px-4 py-3 align-top">
                    <p className="font-medium">{t.name}</p>
                    <p className="font-mono text-xs text-zinc-500">{t.slug}</p>
                  </td>
                  <td className="px-4 py-3 align-top">
                    {plans.data ? (
                      <TenantPlanSelect key={t.id} tenant={t} plans={plans.data} />
                    ) : (
                      <span className="text-zinc-600">{t.planName}</span>
                    )}
                  </td>
                  <td className="hidden px-4 py-3 align-top text-zinc-600 sm:table-cell">
                    {t.retentionDays} days
                  </td>
                  <td className="hidden px-4 py-3 align-top text-zinc-600 sm:table-cell">
                    {t.members.length}
                  </td>
                  <td className="px-4 py-3 text-right align-top tabular-nums">{t.instanceCount}</td>
                </tr>
              ))}
            </AdminTable>
          )}
        </QueryStates>
      </section>
      <section aria-labelledby="plans-title" className="space-y-3">
        <h2 id="plans-title" className="text-base font-semibold">
          Plans
        </h2>
        <QueryStates
          query={plans}
          what="plans"
          isEmpty={(p) => p.length === 0}
          empty={{ title: 'No plans in the catalogue' }}
        >
          {(rows: AdminPlan[]) => (
            <div className="grid gap-4 lg:grid-cols-2">
              {rows.map((p) => (
                <PlanEditor key={p.id} plan={p} />
              ))}
            </div>
          )}
        </QueryStates>
      </section>
    </>
  );
}
