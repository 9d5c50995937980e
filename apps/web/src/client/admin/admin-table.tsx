import type { ReactNode } from 'react';

export interface AdminColumn {
  label: string;
  /** e.g. `hidden md:table-cell` (a column dropped on narrow screens) or `text-right` */
  className?: string;
}

/**
 * The admin console's list table: a horizontally scrolling frame (mobile), a header row of
 * column labels, and the caller's rows. A table without links in its rows passes `label`: the
 * frame is then a focusable region, so a keyboard can scroll it (axe: scrollable-region-focusable).
 */
export function AdminTable({
  testId,
  columns,
  children,
  pad = 'px-3',
  label,
}: {
  testId: string;
  columns: readonly AdminColumn[];
  children: ReactNode;
  /** the cells' horizontal padding, as the rows use it */
  pad?: 'px-3' | 'px-4';
  label?: string;
}) {
  return (
    <div
      className="scroll-x rounded-lg border border-zinc-200"
      {...(label ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}
    >
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-500">
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={`${pad} py-2.5 ${c.className ?? ''}`.trim()}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">{children}</tbody>
      </table>
    </div>
  );
}
