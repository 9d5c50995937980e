import { cx } from './cx';

export type StatusTone = 'positive' | 'progress' | 'neutral' | 'warning' | 'critical';

/** Instance and restore statuses share one visual language. */
const TONE_BY_STATUS: Record<string, StatusTone> = {
  running: 'positive',
  succeeded: 'positive',
  ok: 'positive',
  creating: 'progress',
  restoring: 'progress',
  stopping: 'progress',
  starting: 'progress',
  deleting: 'progress',
  pending_approval: 'warning',
  stopped: 'neutral',
  deleted: 'neutral',
  cancelled: 'neutral',
  expired: 'neutral',
  failed: 'critical',
  rejected: 'critical',
  degraded: 'critical',
};

const TONE_CLASSES: Record<StatusTone, { badge: string; dot: string }> = {
  positive: { badge: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20', dot: 'bg-emerald-500' },
  progress: { badge: 'bg-sky-50 text-sky-800 ring-sky-600/20', dot: 'bg-sky-500 animate-pulse' },
  neutral: { badge: 'bg-zinc-100 text-zinc-700 ring-zinc-500/20', dot: 'bg-zinc-400' },
  warning: { badge: 'bg-amber-50 text-amber-800 ring-amber-600/20', dot: 'bg-amber-500' },
  critical: { badge: 'bg-red-50 text-red-800 ring-red-600/20', dot: 'bg-red-500' },
};

export function statusTone(status: string): StatusTone {
  return TONE_BY_STATUS[status] ?? 'neutral';
}

export function StatusBadge({ status, className }: { status: string; className?: string }) {
  const tone = TONE_CLASSES[statusTone(status)];
  return (
    <span
      className={cx(
        'inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap',
        tone.badge,
        className,
      )}
      data-status={status}
    >
      <span aria-hidden className={cx('size-1.5 rounded-full', tone.dot)} />
      {status.replace(/_/g, ' ')}
    </span>
  );
}
