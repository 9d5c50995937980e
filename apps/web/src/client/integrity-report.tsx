'use client';

import { VALIDATION_CHECK_PREFIX } from '@rewind/core/client';
import { Card } from '@rewind/ui';
import type { RestoreCheck } from '@/lib/api-types';

/** Every check the copy went through, the tenant's own validation queries marked as theirs. */
export function IntegrityReport({ checks }: { checks: RestoreCheck[] }) {
  if (checks.length === 0) return null;
  return (
    <Card title="Integrity report" testId="integrity-report">
      <ul className="divide-y divide-zinc-100">
        {checks.map((c, i) => {
          const label = checkLabel(c.name);
          return (
            // the index keeps keys unique whatever names the stored checks carry
            <li
              key={`${i}:${c.name}`}
              className="flex gap-3 py-2.5 text-sm"
              data-check={c.name}
              data-ok={c.ok}
            >
              <span
                aria-hidden
                className={`mt-0.5 grid size-5 shrink-0 place-items-center rounded-full text-[11px] font-bold text-white ${c.ok ? 'bg-emerald-600' : 'bg-red-600'}`}
              >
                {c.ok ? '✓' : '✕'}
              </span>
              <span className="min-w-0">
                <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                  <span className="break-words font-medium" data-testid="check-name">
                    {label.title}
                  </span>
                  {label.tenant ? (
                    <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-[11px] font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200">
                      your query
                    </span>
                  ) : null}
                  <span className="sr-only">{c.ok ? 'passed' : 'failed'}</span>
                </span>
                <span
                  className={`block break-words text-xs ${label.tenant ? 'font-mono' : ''} ${c.ok ? 'text-zinc-600' : 'text-red-700'}`}
                  data-testid="check-detail"
                >
                  {c.detail}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

const BUILT_IN_CHECKS: Record<string, string> = {
  recovery_target: 'Recovery target',
  amcheck: 'amcheck (tables and indexes)',
  schema_dump: 'Schema dump',
};

/** Built-in checks get a readable title; the tenant's own (`validation:<name>`) keep their name exactly as saved. */
function checkLabel(name: string): { title: string; tenant: boolean } {
  if (name.startsWith(VALIDATION_CHECK_PREFIX))
    return { title: name.slice(VALIDATION_CHECK_PREFIX.length), tenant: true };
  return { title: BUILT_IN_CHECKS[name] ?? name.replace(/_/g, ' '), tenant: false };
}
