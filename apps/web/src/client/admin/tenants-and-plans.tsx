'use client';

import type { AdminPlan } from '@/server/admin/admin-types';
import { PageTitle } from './admin-shell';
import { usePlans, useTenants } from './admin-queries';
import { PlanEditor } from './plan-editor';
import { QueryStates } from './query-states';
import { TenantPlanSelect } from './tenant-plan-select';

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
            <div className="scroll-x rounded-lg border border-zinc-200">
              <table className="w-full text-sm" data-testid="admin-tenant-plans">
                <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
                  <tr>
                    <th scope="col" className="px-4 py-2.5">
                      Tenant
                    </th>
                    <th scope="col" className="px-4 py-2.5">
                      Plan
                    </th>
                    <th scope="col" className="hidden px-4 py-2.5 sm:table-cell">
                      Retention
                    </th>
                    <th scope="col" className="hidden px-4 py-2.5 sm:table-cell">
                      Members
                    </th>
                    <th scope="col" className="px-4 py-2.5 text-right">
                      Instances
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-100">
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
                      <td className="px-4 py-3 text-right align-top tabular-nums">
                        {t.instanceCount}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
