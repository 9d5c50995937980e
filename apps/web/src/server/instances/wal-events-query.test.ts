import { describe, expect, it } from 'vitest';
import { parseWalEventsQuery } from './wal-events-query';

const q = (s: string) => new URLSearchParams(s);

describe('parseWalEventsQuery', () => {
  it('accepts RFC 3339 with offsets and answers UTC', () => {
    expect(
      parseWalEventsQuery(q('from=2026-11-22T14:00:00%2B01:00&to=2026-11-22T14:05:00Z')),
    ).toEqual({
      from: '2026-11-22T13:00:00Z',
      to: '2026-11-22T14:05:00Z',
    });
  });

  it.each([
    ['', /from.*required/],
    ['from=2026-11-22T14:00:00Z', /to.*required/],
    ['from=2026-11-22T14:00:00&to=2026-11-22T14:05:00Z', /^from:/],
    ['from=2026-11-22&to=2026-11-22T14:05:00Z', /^from:/],
    ['from=yesterday&to=2026-11-22T14:05:00Z', /^from:/],
    ['from=2026-11-22T15:00:00Z&to=2026-11-22T14:05:00Z', /after/],
    ['from=2026-11-01T00:00:00Z&to=2026-11-22T14:05:00Z', /7 days/],
  ])('refuses %s as validation_failed (400)', (query, message) => {
    expect(() => parseWalEventsQuery(q(query))).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        message: expect.stringMatching(message),
      }),
    );
  });
});
