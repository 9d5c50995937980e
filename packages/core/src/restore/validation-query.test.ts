import { describe, expect, it } from 'vitest';
import { isValidationExpectation, judgeValidationResult } from './validation-query';

describe('expectations', () => {
  it('knows the expectations', () => {
    expect(isValidationExpectation('positive_count')).toBe(true);
    expect(isValidationExpectation('non_empty')).toBe(true);
    expect(isValidationExpectation('zero_rows')).toBe(true);
    expect(isValidationExpectation('all_rows')).toBe(false);
    expect(isValidationExpectation(1)).toBe(false);
  });
});

describe('judgeValidationResult', () => {
  const r = (columns: string[], rows: Array<Array<string | null>>, more = false) => ({
    columns,
    rows,
    more,
  });

  it('positive_count: the first value of the first row must be a number above 0', () => {
    expect(judgeValidationResult('positive_count', r(['count'], [['5']]))).toEqual({
      ok: true,
      detail: 'count = 5',
    });
    expect(judgeValidationResult('positive_count', r(['n'], [['0.5']]))).toEqual({
      ok: true,
      detail: 'n = 0.5',
    });
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
    expect(
      judgeValidationResult('positive_count', r(['count'], [['99999999999999999999']])).ok,
    ).toBe(true);
  });

  it('non_empty: at least one row, and says what the first one was', () => {
    expect(judgeValidationResult('non_empty', r(['id', 'note'], [['3', 'r3']]))).toEqual({
      ok: true,
      detail: '1 row; first: id = 3, note = r3',
    });
    expect(judgeValidationResult('non_empty', r(['id'], [['1'], ['2']], true)).detail).toBe(
      'more than 2 rows; first: id = 1',
    );
    expect(judgeValidationResult('non_empty', r(['id', 'note'], []))).toEqual({
      ok: false,
      detail: 'no rows, expected at least one',
    });
  });

  it('zero_rows: none, and a failure shows the first offending row', () => {
    expect(judgeValidationResult('zero_rows', r(['id'], []))).toEqual({
      ok: true,
      detail: 'no rows, as expected',
    });
    expect(
      judgeValidationResult(
        'zero_rows',
        r(
          ['id', 'note'],
          [
            ['4', null],
            ['5', 'x'],
          ],
        ),
      ),
    ).toEqual({
      ok: false,
      detail: '2 rows, expected none; first: id = 4, note = null',
    });
  });

  it('keeps details short: long values and wide rows are cut', () => {
    const wide = r(['a', 'b', 'c', 'd', 'e', 'f'], [['x'.repeat(200), '2', '3', '4', '5', '6']]);
    const d = judgeValidationResult('zero_rows', wide).detail;
    expect(d).toContain(`a = ${'x'.repeat(57)}…`);
    expect(d).toContain('e = 5, …');
    expect(d).not.toContain('f =');
  });
});
