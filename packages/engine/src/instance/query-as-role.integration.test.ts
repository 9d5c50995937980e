/**
 * The verifier's runner against a real PostgreSQL 15 (a throwaway cluster, no stack): it reads
 * strings as the pre-check's parser does even where the database turned
 * standard_conforming_strings off, and it never pulls an oversize value or row into the worker.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { VALIDATION_QUERY_LIMITS } from '@rewind/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortSlice, scratchPortRange } from '../testing';
import { loadTestEnv } from '../testing';
import { queryAsRoleReadOnly } from './query-as-role';

const exec = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';
const canRun = process.getuid?.() === 0 && existsSync(`${PG_BIN}/postgres`);
const asPostgres = async (cmd: string, args: string[]) =>
  (await exec('runuser', ['-u', 'postgres', '--', cmd, ...args], { cwd: '/tmp' })).stdout;

describe.skipIf(!canRun)('queryAsRoleReadOnly against a real cluster', () => {
  let dir = '';
  let port = 0;
  const psql = (sql: string, db = 'postgres') =>
    asPostgres(`${PG_BIN}/psql`, [
      '-X',
      '-qAt',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      dir,
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      db,
      '-c',
      sql,
    ]);
  const target = () => ({ port, database: 'tenant', user: 'app', password: 'app-pass' });

  beforeAll(async () => {
    const range = scratchPortRange(loadTestEnv());
    port = await freePortSlice(range.min, range.max, 1);
    dir = await mkdtemp(join(tmpdir(), 'rewind-qar-'));
    const { uid, gid } = {
      uid: Number((await exec('id', ['-u', 'postgres'])).stdout),
      gid: Number((await exec('id', ['-g', 'postgres'])).stdout),
    };
    await chown(dir, uid, gid);
    await asPostgres(`${PG_BIN}/initdb`, [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '--auth-local=peer',
      '--auth-host=scram-sha-256',
    ]);
    await asPostgres(`${PG_BIN}/pg_ctl`, [
      '-D',
      join(dir, 'data'),
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
      'start',
    ]);
    await psql("create role app login password 'app-pass'");
    await psql('create database tenant owner app');
    await psql('alter database tenant set standard_conforming_strings = off');
    await psql(
      "create table orders (id int, note text); insert into orders values (1, 'a'), (2, 'b'); alter table orders owner to app",
      'tenant',
    );
  }, 120_000);

  afterAll(async () => {
    if (dir) {
      await asPostgres(`${PG_BIN}/pg_ctl`, [
        '-D',
        join(dir, 'data'),
        '-m',
        'immediate',
        'stop',
      ]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a backslash string as the parser did (standard_conforming_strings pinned on), so nothing else runs', async () => {
    // with the setting off, PostgreSQL would end the string at \' and see "; drop table orders"
    const sql = "select 'a\\''; drop table orders; --' as s";
    const r = await queryAsRoleReadOnly(target(), sql);
    expect(r).toEqual({ columns: ['s'], rows: [["a\\'; drop table orders; --"]], more: false });
    expect((await psql('select count(*) from orders', 'tenant')).trim()).toBe('2');
  });

  it('refuses a value over the cap without reading it, and a row over the cap', async () => {
    const big = VALIDATION_QUERY_LIMITS.valueBytes + 1;
    await expect(queryAsRoleReadOnly(target(), `select repeat('x', ${big}) as v`)).rejects.toThrow(
      new RegExp(
        `row 1 column v is ${big} bytes, more than the ${VALIDATION_QUERY_LIMITS.valueBytes} bytes a validation query may return per value`,
      ),
    );
    await expect(
      queryAsRoleReadOnly(target(), `select repeat('x', 20 * 1024 * 1024) as v`),
    ).rejects.toThrow(
      /row 1 is \d+ bytes, more than the \d+ bytes a validation query may return per row/,
    );
    const cols = Array.from({ length: 8 }, (_, i) => `repeat('y', 8000) as c${i}`).join(', ');
    await expect(queryAsRoleReadOnly(target(), `select ${cols}`)).rejects.toThrow(
      /more than the \d+ bytes a validation query may return per row/,
    );
  });

  it('still returns ordinary results as PostgreSQL prints them: nulls, empty strings, quotes, duplicates, no columns', async () => {
    const r = await queryAsRoleReadOnly(
      target(),
      `select 1 as a, null::text as b, '' as c, 'x,"y' as d, array[1,2] as e, 1 as a -- comment`,
    );
    expect(r).toEqual({
      columns: ['a', 'b', 'c', 'd', 'e', 'a'],
      rows: [['1', null, '', 'x,"y', '{1,2}', '1']],
      more: false,
    });
    expect(await queryAsRoleReadOnly(target(), 'table orders', { maxRows: 1 })).toEqual({
      columns: ['id', 'note'],
      rows: [['1', 'a']],
      more: true,
    });
    expect(await queryAsRoleReadOnly(target(), 'select from orders where false')).toEqual({
      columns: [],
      rows: [],
      more: false,
    });
  });

  it('keeps the read-only transaction as the second wall', async () => {
    await expect(queryAsRoleReadOnly(target(), 'select * from orders for share')).rejects.toThrow(
      /read-only transaction|FOR SHARE/,
    );
    await expect(queryAsRoleReadOnly(target(), "select nextval('s')")).rejects.toThrow();
  });
});
