import { describe, expect, it } from 'vitest';
import { VALIDATION_QUERY_LIMITS } from './validation-query';
import { validationQueryProblem } from './validation-query-sql';

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
    "select count(*) from orders where note <> '' -- trailing; comment",
    'select created_at, updated_at, deleted from t',
    "select * from orders where id = any(array[1,2]) and note ~ '^r\\d$'",
    // one string to PostgreSQL with standard_conforming_strings on, which the verifier pins
    "select 'a\\''; drop table orders; --' as s",
    'select "for", "share" from "update" where "key" = 1',
  ])('accepts %j', async (sql) => {
    expect(await validationQueryProblem(sql)).toBeNull();
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
    [
      'with d as (delete from orders returning *) select count(*) from d',
      /DELETE changes the copy/,
    ],
    ['with u as (update orders set note = 1 returning *) select 1', /UPDATE changes the copy/],
    [
      'select * from (with d as (delete from orders returning *) select * from d) s',
      /DELETE changes the copy/,
    ],
    [
      'with m as (select 1) select * from m, lateral (select * from orders for update) x',
      /FOR UPDATE locks rows/,
    ],
    ['select 1 union all select 2 into t', /SELECT … INTO creates a table/],
    ['explain analyze delete from orders', /not EXPLAIN/],
    ['/* c */ ( ( delete from orders ) )', /sql cannot be read|not DELETE/],
    [
      'merge into orders o using (select 1 id) s on o.id = s.id when matched then delete',
      /not MERGE/,
    ],
    ["select 'a\\'; drop table orders; --'", /single statement/],
    ['select * from orders for update', /FOR UPDATE locks rows/],
    ['select * from orders for no key update', /FOR NO KEY UPDATE locks rows/],
    ['select * from orders for share', /FOR SHARE locks rows/],
    ['select * from orders for key share', /FOR KEY SHARE locks rows/],
    ['select * from (select * from orders for share) s', /FOR SHARE locks rows/],
    ['(select 1) union (select id from orders for key share)', /FOR KEY SHARE locks rows/],
    ['select * from orders for share of orders nowait', /FOR SHARE locks rows/],
    ['select * into backup_orders from orders', /SELECT … INTO creates a table/],
    ['\\! rm -rf /', /backslash commands/],
    ['select 1 \\g /tmp/out', /backslash commands/],
    ["select 'unterminated", /sql cannot be read: unterminated quoted string/],
    ['select "x', /sql cannot be read: unterminated quoted identifier/],
    ['select $$ body', /sql cannot be read: unterminated dollar-quoted string/],
    ['select 1 /* open', /sql cannot be read: unterminated \/\* comment/],
    ['select from where', /sql cannot be read: syntax error at or near "where"/],
  ])('refuses %j', async (sql, message) => {
    expect(await validationQueryProblem(sql)).toMatch(message);
  });

  it('refuses SQL over the length limit', async () => {
    const sql = `select 1 -- ${'x'.repeat(VALIDATION_QUERY_LIMITS.sqlMax)}`;
    expect(await validationQueryProblem(sql)).toMatch(/at most 10000 characters/);
  });

  it('messages say why, for a person', async () => {
    expect(await validationQueryProblem('delete from orders')).toMatch(
      /validation queries only read the restored copy/,
    );
    expect(await validationQueryProblem('with d as (delete from t returning 1) select 1')).toMatch(
      /exactly as restored/,
    );
  });
});
