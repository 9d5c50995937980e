import { cx } from './cx';

/** A determinate bar; `value` is 0–100 and is clamped. */
export function ProgressBar({
  value,
  label,
  tone = 'accent',
  className,
}: {
  value: number;
  label: string;
  tone?: 'accent' | 'positive' | 'critical' | 'neutral';
  className?: string;
}) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  const fill = {
    accent: 'bg-indigo-600',
    positive: 'bg-emerald-600',
    critical: 'bg-red-600',
    neutral: 'bg-zinc-400',
  }[tone];
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={v}
      className={cx('h-2 w-full overflow-hidden rounded-full bg-zinc-200', className)}
    >
      <div
        className={cx('h-full rounded-full transition-[width] duration-700 ease-out', fill)}
        style={{ width: `${v}%` }}
      />
    </div>
  );
}
