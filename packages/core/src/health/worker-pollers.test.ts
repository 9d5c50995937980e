import { describe, expect, it } from 'vitest';
import { pollerVerdict } from './worker-pollers';

const now = new Date('2026-12-01T12:00:30Z');
const at = (iso: string) => new Date(iso);

describe('pollerVerdict', () => {
  it('is green while one poller polled within the freshness bound', () => {
    const v = pollerVerdict(
      'control-plane',
      [
        { identity: 'old@vm', lastAccessTime: at('2026-12-01T11:58:00Z') },
        { identity: 'live@vm', lastAccessTime: at('2026-12-01T12:00:27Z') },
      ],
      now,
    );
    expect(v).toEqual({ ok: true, detail: 'control-plane: 1 poller, newest 3 s ago' });
  });

  it('is red when every listed poller is stale (a killed worker stays listed)', () => {
    const v = pollerVerdict(
      'host:host-1',
      [{ identity: 'dead@vm', lastAccessTime: at('2026-12-01T12:00:05Z') }],
      now,
    );
    expect(v).toEqual({ ok: false, detail: 'host:host-1: no worker polling (last poll 25 s ago)' });
  });

  it('is red when no worker ever polled', () => {
    expect(pollerVerdict('q', [], now)).toEqual({ ok: false, detail: 'q: no worker has polled' });
    expect(pollerVerdict('q', [{ identity: 'x', lastAccessTime: undefined }], now).ok).toBe(false);
  });
});
