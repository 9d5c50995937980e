'use client';

/** A quick-pick button of the point-in-time picker. */
export function Chip({ children, onClick }: { children: React.ReactNode; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="rounded-full bg-white px-3 py-1 text-xs font-medium text-zinc-700 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      {children}
    </button>
  );
}

/** The last whole second strictly before `iso` (targets are inclusive, to the second). */
export function justBefore(iso: string): number {
  const t = Date.parse(iso);
  const floor = Math.floor(t / 1000) * 1000;
  // a commit at .000 exactly would be included by its own second
  return floor === t ? floor - 1000 : floor;
}

export function maxIso(xs: Array<string | null>): string | null {
  const v = xs.filter((x): x is string => !!x);
  return v.length ? v.reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b)) : null;
}

export function minIso(xs: Array<string | null>): string | null {
  const v = xs.filter((x): x is string => !!x);
  return v.length ? v.reduce((a, b) => (Date.parse(a) < Date.parse(b) ? a : b)) : null;
}
