/**
 * Is a worker polling this task queue? Temporal's DescribeTaskQueue lists every poller seen in
 * the last minutes with the time of its last poll, and keeps a SIGKILLed worker listed for
 * ~5 min, so "listed" is not "alive". A live worker starts a new long poll as soon as the
 * previous one returns, and the server ends an idle poll after `matching.longPollExpirationInterval`
 * (the stack sets 10 s), so a live worker's newest poll is never older than that plus a little.
 */
export const POLLER_FRESH_MS = 20_000;

export interface PollerSeen {
  identity: string;
  lastAccessTime: Date | undefined;
}

export interface PollerVerdict {
  ok: boolean;
  /** one line for /api/health: "2 pollers, newest 3 s ago" or why not */
  detail: string;
}

export function pollerVerdict(
  queue: string,
  pollers: readonly PollerSeen[],
  now: Date,
  freshMs = POLLER_FRESH_MS,
): PollerVerdict {
  const ages = pollers
    .filter((p) => p.lastAccessTime !== undefined)
    .map((p) => ({
      identity: p.identity,
      ageMs: Math.max(0, now.getTime() - p.lastAccessTime!.getTime()),
    }));
  const fresh = ages.filter((a) => a.ageMs <= freshMs);
  if (fresh.length > 0) {
    const newest = Math.min(...fresh.map((a) => a.ageMs));
    return {
      ok: true,
      detail: `${queue}: ${fresh.length} poller${fresh.length === 1 ? '' : 's'}, newest ${Math.round(newest / 1000)} s ago`,
    };
  }
  if (ages.length === 0) return { ok: false, detail: `${queue}: no worker has polled` };
  const newest = Math.min(...ages.map((a) => a.ageMs));
  return {
    ok: false,
    detail: `${queue}: no worker polling (last poll ${Math.round(newest / 1000)} s ago)`,
  };
}
