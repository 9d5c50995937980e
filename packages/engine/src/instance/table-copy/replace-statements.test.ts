import { describe, expect, it } from 'vitest';
import { replaceStatements } from './replace-statements';

const live = 'public.orders';
const staged = '"restored_20261202070000"."orders"';

describe('replaceStatements', () => {
  it('by primary key: deletes only rows T lacked, upserts T’s rows, rewrites only changed ones', () => {
    expect(
      replaceStatements({ live, staged, columns: ['id', 'note'], primaryKey: ['id'] }),
    ).toEqual([
      'LOCK TABLE public.orders IN ACCESS EXCLUSIVE MODE;',
      `DELETE FROM public.orders AS l WHERE NOT EXISTS (SELECT 1 FROM ${staged} AS s WHERE (s."id") = (l."id"));`,
      `INSERT INTO public.orders AS t ("id", "note") OVERRIDING SYSTEM VALUE SELECT "id", "note" FROM ${staged} ON CONFLICT ("id") DO UPDATE SET "note" = EXCLUDED."note" WHERE (t."note") IS DISTINCT FROM (EXCLUDED."note");`,
    ]);
  });

  it('a table of key columns only inserts what is missing', () => {
    const [, , insert] = replaceStatements({
      live,
      staged,
      columns: ['a', 'b'],
      primaryKey: ['a', 'b'],
    });
    expect(insert).toMatch(/ON CONFLICT \("a", "b"\) DO NOTHING;$/);
  });

  it('without a primary key: every row deleted and inserted again', () => {
    expect(replaceStatements({ live, staged, columns: ['x'], primaryKey: [] })).toEqual([
      'LOCK TABLE public.orders IN ACCESS EXCLUSIVE MODE;',
      'DELETE FROM public.orders;',
      `INSERT INTO public.orders ("x") OVERRIDING SYSTEM VALUE SELECT "x" FROM ${staged};`,
    ]);
  });
});
