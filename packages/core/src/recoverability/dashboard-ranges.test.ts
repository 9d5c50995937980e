import { describe, expect, it } from 'vitest';
import { DASHBOARD_RANGE_KEYS, DASHBOARD_RANGES, dashboardRangeStart } from './dashboard-ranges';

describe('dashboardRangeStart', () => {
  it('ends the range at the next whole bar bucket, so every bar is a whole bucket', () => {
    const now = new Date('2026-12-02T01:37:12Z');
    expect(dashboardRangeStart('24h', now).toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(dashboardRangeStart('7d', now).toISOString()).toBe('2026-11-25T06:00:00.000Z');
    expect(dashboardRangeStart('30d', now).toISOString()).toBe('2026-11-03T00:00:00.000Z');
    expect(dashboardRangeStart('1h', now).toISOString()).toBe('2026-12-02T00:40:00.000Z');
  });

  it('divides every range into whole bars and trend buckets', () => {
    for (const k of DASHBOARD_RANGE_KEYS) {
      const r = DASHBOARD_RANGES[k];
      expect(r.seconds % r.barSeconds).toBe(0);
      expect(r.seconds % r.trendSeconds).toBe(0);
    }
  });
});
