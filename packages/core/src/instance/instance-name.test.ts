import { describe, expect, it } from 'vitest';
import { INSTANCE_NAME_PATTERN, INSTANCE_NAME_RULE, instanceNameProblem } from './instance-name';

describe('INSTANCE_NAME_PATTERN', () => {
  it('takes 1–40 lower-case letters, digits and dashes, starting with a letter, not ending with a dash', () => {
    for (const ok of ['o', 'orders', 'orders-2', `a${'b'.repeat(39)}`])
      expect(INSTANCE_NAME_PATTERN.test(ok), ok).toBe(true);
    for (const bad of [
      '',
      '2orders',
      'Orders',
      'orders-',
      'or_ders',
      `a${'b'.repeat(40)}`,
      'ord ers',
    ])
      expect(INSTANCE_NAME_PATTERN.test(bad), bad).toBe(false);
  });
});

describe('instanceNameProblem', () => {
  it('accepts ordinary names', () => {
    for (const ok of [
      'orders',
      'o',
      'pgx',
      'postgres2',
      'my-template',
      'public-api',
      'application',
    ])
      expect(instanceNameProblem(ok), ok).toBeNull();
  });

  it('refuses names PostgreSQL reserves for databases and roles, saying why', () => {
    for (const bad of ['postgres', 'template0', 'template1'])
      expect(instanceNameProblem(bad), bad).toMatch(
        new RegExp(`${bad} is reserved by PostgreSQL.*database`),
      );
    for (const bad of ['public', 'none', 'current-user', 'current-role', 'session-user'])
      expect(instanceNameProblem(bad), bad).toMatch(/is reserved by PostgreSQL.*role/);
    for (const bad of ['pg-orders', 'pg-'])
      expect(instanceNameProblem(bad), bad).toMatch(
        /reserved by PostgreSQL: names starting with pg_|must be/,
      );
    for (const bad of ['app', 'app-readonly'])
      expect(instanceNameProblem(bad), bad).toMatch(/is the name of the role/);
  });

  it('still says the character rule first', () => {
    expect(instanceNameProblem('Orders')).toBe(`instance name must be ${INSTANCE_NAME_RULE}`);
  });
});
