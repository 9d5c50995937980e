import { describe, expect, it } from 'vitest';
import {
  parseQualifiedTable,
  parseSchemaName,
  replaceConfirmation,
  stagingSchemaName,
} from './table-restore';

describe('table restore rules', () => {
  it('qualifies bare names with public and refuses what is not a plain identifier', () => {
    expect(parseQualifiedTable('orders')).toEqual({ schema: 'public', table: 'orders' });
    expect(parseQualifiedTable(' sales.orders ')).toEqual({ schema: 'sales', table: 'orders' });
    for (const bad of ['a.b.c', 'Orders', 'orders; drop table x', '', '"o"', 3])
      expect(() => parseQualifiedTable(bad), String(bad)).toThrow(/lower-case name|a name/);
  });

  it('refuses PostgreSQL’s own schemas', () => {
    expect(parseSchemaName('sales')).toBe('sales');
    expect(() => parseSchemaName('pg_catalog')).toThrow(/PostgreSQL's own/);
    expect(() => parseSchemaName('information_schema')).toThrow(/PostgreSQL's own/);
  });

  it('names the staging schema after the second in UTC', () => {
    expect(stagingSchemaName(new Date('2026-11-22T09:04:59.750-05:00'))).toBe(
      'restored_20261122140459',
    );
  });

  it('the confirmation names exactly what is overwritten', () => {
    expect(
      replaceConfirmation({
        schema: null,
        tables: [
          { schema: 'public', table: 'orders' },
          { schema: 'sales', table: 'items' },
        ],
      }),
    ).toBe('replace public.orders, sales.items');
    expect(replaceConfirmation({ schema: 'sales', tables: [] })).toBe('replace schema sales');
  });
});
