/**
 * What the time-travel page opens the console at: a second (`?at=`), or just before a
 * transaction (`?xid=`, exclusive: the WAL event's own restore target, exact where a time is
 * not). `eventAt` is only shown: the commit time of that transaction.
 */
export type ConsoleTarget =
  | { kind: 'time'; target: { time: string }; at: string }
  | { kind: 'before_xid'; target: { xid: string; inclusive: false }; eventAt: string | null };

export function timeTravelHref(
  instanceId: string,
  at: { time: string } | { xid: string; eventAt: string },
): string {
  const q =
    'time' in at
      ? `at=${encodeURIComponent(at.time)}`
      : `xid=${encodeURIComponent(at.xid)}&eventAt=${encodeURIComponent(at.eventAt)}`;
  return `/instances/${encodeURIComponent(instanceId)}/time-travel?${q}`;
}

/** The page's query back into a target; the API judges the values (parseRestoreTarget). */
export function consoleTargetFromQuery(q: {
  at?: string | string[];
  xid?: string | string[];
  eventAt?: string | string[];
}): ConsoleTarget | null {
  const one = (v: string | string[] | undefined) => (typeof v === 'string' && v ? v : null);
  const xid = one(q.xid);
  if (xid)
    return { kind: 'before_xid', target: { xid, inclusive: false }, eventAt: one(q.eventAt) };
  const at = one(q.at);
  return at ? { kind: 'time', target: { time: at }, at } : null;
}
