import { cx } from './cx';

export function Spinner({ className, label = 'Loading' }: { className?: string; label?: string }) {
  return (
    <span
      role="status"
      aria-label={label}
      className={cx(
        'inline-block size-4 animate-spin rounded-full border-2 border-zinc-300 border-t-zinc-700',
        className,
      )}
    />
  );
}
