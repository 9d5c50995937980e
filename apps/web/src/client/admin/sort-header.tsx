'use client';

import { cx } from '@rewind/ui';

export type SortDir = 'asc' | 'desc';
export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}

/** A column header that sorts on click or Enter/Space (a real button), announced through aria-sort. */
export function SortHeader<K extends string>({
  label,
  sortKey,
  sort,
  onSort,
  className,
}: {
  label: string;
  sortKey: K;
  sort: SortState<K>;
  onSort(next: SortState<K>): void;
  className?: string;
}) {
  const active = sort.key === sortKey;
  return (
    <th
      scope="col"
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={cx('px-3 py-2.5', className)}
    >
      <button
        type="button"
        onClick={() => onSort({ key: sortKey, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}
        className="inline-flex items-center gap-1 rounded uppercase hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-zinc-900"
      >
        {label}
        <span aria-hidden className={active ? 'text-zinc-900' : 'text-zinc-300'}>
          {active && sort.dir === 'desc' ? '▼' : '▲'}
        </span>
      </button>
    </th>
  );
}

/** Nulls last whichever the direction: "never backed up" is never the best row. */
export function compareNullable(
  a: number | string | null,
  b: number | string | null,
  dir: SortDir,
): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const c = a < b ? -1 : 1;
  return dir === 'asc' ? c : -c;
}
