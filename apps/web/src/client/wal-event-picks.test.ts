import { describe, expect, it } from 'vitest';
import { walEventTarget } from './wal-event-picks';

describe('walEventTarget', () => {
  const base = { tables: [], database: 'app', relations: ['base/16385/16394'] };
  it('names the first table and counts the rest', () => {
    expect(
      walEventTarget({
        ...base,
        tables: [
          { schema: 'sales', table: 'orders' },
          { schema: 'sales', table: 'lines' },
        ],
        resolution: 'recorded',
      } as Parameters<typeof walEventTarget>[0]),
    ).toBe('sales.orders (+1 more)');
  });
  it('says a table is being named while a restored catalog is read', () => {
    expect(walEventTarget({ ...base, resolution: 'pending' })).toMatch(/^table being named/);
  });
  it('falls back to the database, then the file nodes', () => {
    expect(walEventTarget({ ...base, resolution: 'unresolved' })).toBe('app');
    expect(
      walEventTarget({ ...base, database: undefined, resolution: 'unresolved' } as never),
    ).toBe('unnamed base/16385/16394');
  });
});
