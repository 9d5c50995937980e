/**
 * An instance's clock against the control plane's. PostgreSQL stamps each commit with its own
 * server's clock and recovery compares a time target with those stamps, so a time target means
 * a second on the instance's commit clock; "now" for a restore of it is the control plane's now
 * plus the skew. Hosts synced by NTP stay well under a second: a larger skew is worth a word.
 */
export const CLOCK_SKEW_NOTE_MS = 1_000;

/** The control plane's `now` as the instance's commit clock reads it. */
export function instanceNow(now: Date, clockSkewMs: number | null): Date {
  return clockSkewMs === null ? now : new Date(now.getTime() + clockSkewMs);
}

/** The pre-flight note, or null while the skew is within NTP's reach (or unknown). */
export function clockSkewNote(clockSkewMs: number | null, measuredAt: Date | null): string | null {
  if (clockSkewMs === null || Math.abs(clockSkewMs) < CLOCK_SKEW_NOTE_MS) return null;
  const s = (Math.abs(clockSkewMs) / 1000).toFixed(1);
  const side = clockSkewMs > 0 ? 'ahead of' : 'behind';
  const when = measuredAt ? ` (measured ${measuredAt.toISOString()})` : '';
  return `this instance's clock is ${s} s ${side} the control plane's${when}: the target time is read on the instance's commit clock, the one its commit timestamps carry, not on the control plane's`;
}
