import { describe, expect, it } from 'vitest';
import {
  isValidationExpectation,
  judgeValidationResult,
  validationQueryProblem,
  VALIDATION_QUERY_LIMITS,
} from './validation-query';

describe('validationQueryProblem: what may be saved', () => {
  it.each([
    'select count(*) from orders',
    'SELECT count(*) FROM orders;',
    '  select 1 ;  \n',
    "select * from orders where note = 'nope'",
    'with recent as (select * from orders where id > 3) select count(*) from recent',
    'values (1), (2)',
    'table orders',
    '(select 1) union (select 2)',
    '-- rows that must survive\nselect count(*) from orders',
    '/* outer /* nested */ still comment; drop table x */ select 1',
    "select 'drop table orders; delete from x' as text",
    "select E'it\\'s; \\\\ fine' as s",
    'select $$ insert into t; $$ as body, $q$ update $q$ as other',
    'select "delete", "update", "into" from "create"',
    'select count(*) from orders where note <> \'\' -- trailing; comment',
    'select created_at, updated_at, deleted from t',
    'select * from orders where id = any(array[1,2]) and note ~ \'^r\\d$\'',
  ])('accepts %j', (sql) => {
    expect(validationQueryProblem(sql)).toBeNull();
  });

  it.each([
    ['', /sql is required/],
    ['   \n ', /sql is required/],
    ['-- only a comment', /sql is required/],
    ['select 1; select 2', /single statement/],
    ['select 1; drop table orders', /single statement/],
    ["select 1;\n-- then\ndelete from orders where note = 'x'", /single statement/],
    ['delete from orders', /starting with SELECT, WITH, VALUES or TABLE, not DELETE/],
    ['update orders set note = 1', /not UPDATE/],
    ['insert into orders values (1)', /not INSERT/],
    ['drop table orders', /not DROP/],
    ['truncate orders', /not TRUNCATE/],
    ['alter table orders add column x int', /not ALTER/],
    ['create table x (id int)', /not CREATE/],
    ['grant all on orders to public', /not GRANT/],
    ['vacuum orders', /not VACUUM/],
    ['explain select 1', /not EXPLAIN/],
    ['set default_transaction_read_only = off', /not SET/],
    ['begin', /not BEGIN/],
    ['copy orders to stdout', /not COPY/],
    ['with d as (delete from orders returning *) select count(*) from d', /DELETE changes the copy/],
    ['with u as (update orders set note = 1 returning *) select 1', /UPDATE \(or FOR UPDATE\)/],
    ['select * from orders for update', /UPDATE \(or FOR UPDATE\)/],
    ['select * into backup_orders from orders', /SELECT … INTO creates a table/],
    ['\\! rm -rf /', /backslash commands/],
    ['select 1 \\g /tmp/out', /backslash commands/],
    ["select 'unterminated", /quoted string is never closed/],
    ['select "x', /quoted identifier is never closed/],
    ['select $$ body', /never closed/],
    ['select 1 /* open', /comment is never closed/],
  ])('refuses %j', (sql, message) => {
    expect(validationQueryProblem(sql)).toMatch(message);
  });

  it('refuses SQL over the length limit', () => {
    const sql = `select 1 -- ${'x'.repeat(VALIDATION_QUERY_LIMITS.sqlMax)}`;
    expect(validationQueryProblem(sql)).toMatch(/at most 10000 characters/);
  });

  it('messages say why, for a person', () => {
    expect(validationQueryProblem('delete from orders')).toMatch(/validation queries only read the restored copy/);
    expect(validationQueryProblem('with d as (delete from t returning 1) select 1')).toMatch(/exactly as restored/);
  });

  it('knows the expectations', () => {
    expect(isValidationExpectation('positive_count')).toBe(true);
    expect(isValidationExpectation('non_empty')).toBe(true);
    expect(isValidationExpectation('zero_rows')).toBe(true);
    expect(isValidationExpectation('all_rows')).toBe(false);
    expect(isValidationExpectation(1)).toBe(false);
  });
});

describe('judgeValidationResult', () => {
  const r = (columns: string[], rows: Array<Array<string | null>>, more = false) => ({ columns, rows, more });

  it('positive_count: the first value of the first row must be a number above 0', () => {
    expect(judgeValidationResult('positive_count', r(['count'], [['5']]))).toEqual({ ok: true, detail: 'count = 5' });
    expect(judgeValidationResult('positive_count', r(['n'], [['0.5']]))).toEqual({ ok: true, detail: 'n = 0.5' });
    expect(judgeValidationResult('positive_count', r(['count'], [['0']]))).toEqual({
      ok: false,
      detail: 'count = 0, expected a number above 0',
    });
    expect(judgeValidationResult('positive_count', r(['count'], [['-3']])).ok).toBe(false);
    expect(judgeValidationResult('positive_count', r(['max'], [[null]]))).toEqual({
      ok: false,
      detail: 'max = null, expected a number above 0',
    });
    expect(judgeValidationResult('positive_count', r(['note'], [['r1']]))).toEqual({
      ok: false,
      detail: 'note = r1, which is not a number',
    });
    expect(judgeValidationResult('positive_count', r(['note'], [['']])).ok).toBe(false);
    expect(judgeValidationResult('positive_count', r(['count'], []))).toEqual({
      ok: false,
      detail: 'no rows, expected one row with a positive count',
    });
    expect(judgeValidationResult('positive_count', r(['count'], [['99999999999999999999']])).ok).toBe(true);
  });

  it('non_empty: at least one row, and says what the first one was', () => {
    expect(judgeValidationResult('non_empty', r(['id', 'note'], [['3', 'r3']]))).toEqual({
      ok: true,
      detail: '1 row; first: id = 3, note = r3',
    });
    expect(judgeValidationResult('non_empty', r(['id'], [['1'], ['2']], true)).detail).toBe('more than 2 rows; first: id = 1');
    expect(judgeValidationResult('non_empty', r(['id', 'note'], []))).toEqual({ ok: false, detail: 'no rows, expected at least one' });
  });

  it('zero_rows: none, and a failure shows the first offending row', () => {
    expect(judgeValidationResult('zero_rows', r(['id'], []))).toEqual({ ok: true, detail: 'no rows, as expected' });
    expect(judgeValidationResult('zero_rows', r(['id', 'note'], [['4', null], ['5', 'x']]))).toEqual({
      ok: false,
      detail: '2 rows, expected none; first: id = 4, note = null',
    });
  });

  it('keeps details short: long values and wide rows are cut', () => {
    const wide = r(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      [['x'.repeat(200), '2', '3', '4', '5', '6']],
    );
    const d = judgeValidationResult('zero_rows', wide).detail;
    expect(d).toContain(`a = ${'x'.repeat(57)}…`);
    expect(d).toContain('e = 5, …');
    expect(d).not.toContain('f =');
  });
});
