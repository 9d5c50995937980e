'use client';

import Link from 'next/link';
import { useTenants } from './admin-queries';
import { QueryStates } from './query-states';
import { AdminTable } from './admin-table';

/** The console's home shows who is on the platform at a glance; plan changes live on their own page. */
export function TenantsOverview() {
  const tenants = useTenants();
  return (
    <section aria-labelledby="overview-tenants" className="space-y-3">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="overview-tenants" className="text-base font-semibold">
          Tenants
        </h2>
        <Link
          href="/admin/tenants"
          className="text-sm text-zinc-600 underline-offset-2 hover:underline"
        >
          Manage plans
        </Link>
      </div>
      <QueryStates
        query={tenants}
        what="tenants"
        isEmpty={(t) => t.length === 0}
        empty={{ title: 'No tenants' }}
      >
        {(rows) => (
          <AdminTable
            testId="admin-tenants"
            columns={[
              { label: 'Tenant' },
              { label: 'Plan' },
              { label: 'Members', className: 'hidden sm:table-cell' },
              { label: 'Instances', className: 'text-right' },
            ]}
            pad="px-4"
          >
            {rows.map((t) => (
              <tr key={t.id}>
                <td className="px-4 py-2.5">
                  <p className="font-medium">{t.name}</p>
                  <p className="font-mono text-xs text-zinc-500">{t.slug}</p>
                </td>
                <td className="px-4 py-2.5 text-zinc-600">{t.planName}</td>
                <td className="hidden px-4 py-2.5 text-zinc-600 sm:table-cell">
                  {t.members.length}
                </td>
                <td className="px-4 py-2.5 text-right tabular-nums">{t.instanceCount}</td>
              </tr>
            ))}
          </AdminTable>
        )}
      </QueryStates>
    </section>
  );
}
