import { describe, expect, it } from 'vitest';
import { isTransientConnectionError } from './connection-errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isTransientConnectionError', () => {
  it('treats a server restart and a refused socket as transient', () => {
    expect(
      isTransientConnectionError(
        withCode('terminating connection due to administrator command', '57P01'),
      ),
    ).toBe(true);
    expect(
      isTransientConnectionError(withCode('the database system is starting up', '57P03')),
    ).toBe(true);
    expect(
      isTransientConnectionError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')),
    ).toBe(true);
    expect(isTransientConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientConnectionError(new Error('timeout exceeded when trying to connect'))).toBe(
      true,
    );
  });

  it('never retries what the query itself got wrong', () => {
    expect(isTransientConnectionError(withCode('relation "x" does not exist', '42P01'))).toBe(
      false,
    );
    expect(
      isTransientConnectionError(withCode('password authentication failed for user "x"', '28P01')),
    ).toBe(false);
    expect(isTransientConnectionError(withCode('duplicate key value', '23505'))).toBe(false);
    expect(isTransientConnectionError('ECONNREFUSED')).toBe(false);
  });
});
