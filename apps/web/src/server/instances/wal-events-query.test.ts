import { describe, expect, it } from 'vitest';
import { parseWalEventsQuery } from './wal-events-query';

const q = (s: string) => new URL(`http://x/api/v1/instances/i/wal-events?${s}`);
const NOW = Date.parse('2026-11-22T14:05:07.250Z');

describe('parseWalEventsQuery', () => {
  it('accepts RFC 3339 with offsets and answers UTC', () => {
    expect(
      parseWalEventsQuery(q('from=2026-11-22T14:00:00%2B01:00&to=2026-11-22T14:05:00Z')),
    ).toEqual({
      from: '2026-11-22T13:00:00Z',
      to: '2026-11-22T14:05:00Z',
    });
  });

  it('to defaults to now (whole seconds), from to an hour before to', () => {
    expect(parseWalEventsQuery(q(''), NOW)).toEqual({
      from: '2026-11-22T13:05:07Z',
      to: '2026-11-22T14:05:07Z',
    });
    expect(parseWalEventsQuery(q('to=2026-11-20T10:00:00Z'), NOW)).toEqual({
      from: '2026-11-20T09:00:00Z',
      to: '2026-11-20T10:00:00Z',
    });
  });

  it('kinds filters, comma-separated, each once', () => {
    expect(parseWalEventsQuery(q('kinds=drop_table,truncate,drop_table'), NOW)).toMatchObject({
      kinds: ['drop_table', 'truncate'],
    });
  });

  it.each([
    ['from=2026-11-22T14:00:00&to=2026-11-22T14:05:00Z', /^from:/],
    ['from=2026-11-22&to=2026-11-22T14:05:00Z', /^from:/],
    ['from=yesterday&to=2026-11-22T14:05:00Z', /^from:/],
    ['from=2026-11-22T15:00:00Z&to=2026-11-22T14:05:00Z', /after/],
    ['from=2026-11-01T00:00:00Z&to=2026-11-22T14:05:00Z', /7 days/],
    ['form=2026-11-22T14:00:00Z', /unknown field: form/],
    ['to=2026-11-22T14:05:00Z&to=2026-11-22T14:06:00Z', /to is given more than once/],
    ['kinds=drop_table,drop_view', /kinds: unknown kind "drop_view"/],
    ['kinds=', /kinds: unknown kind ""/],
  ])('refuses %s as validation_failed (400)', (query, message) => {
    expect(() => parseWalEventsQuery(q(query), NOW)).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        message: expect.stringMatching(message),
      }),
    );
  });
});
