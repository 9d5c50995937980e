import { describe, expect, it } from 'vitest';
import { parseRecordText } from './parse-record-text';

describe('parseRecordText', () => {
  it('reads record_out text: nulls, empty strings, quotes, backslashes, nested rows', () => {
    expect(parseRecordText('(1,,"x,""y","","{1,2}","(1,""a b"")")', 6)).toEqual([
      '1',
      null,
      'x,"y',
      '',
      '{1,2}',
      '(1,"a b")',
    ]);
    expect(parseRecordText('("a\\\\b",c)', 2)).toEqual(['a\\b', 'c']);
    expect(parseRecordText('()', 0)).toEqual([]);
    expect(parseRecordText('()', 1)).toEqual([null]);
    expect(parseRecordText('(,)', 2)).toEqual([null, null]);
    expect(() => parseRecordText('x', 1)).toThrow(/not a row value/);
  });
});
