import { describe, expect, it } from 'vitest';
import {
  contiguousRuns,
  listGaps,
  lsnToSegment,
  nextSegment,
  parseSegmentName,
  prevSegment,
  segmentEndLsn,
  segmentNameFromSegNo,
  segmentStartLsn,
  sortSegmentNames,
} from './segment-names';

describe('segment names', () => {
  it('round-trips timeline, log id and segment', () => {
    const a = parseSegmentName('0000000200000003000000FE');
    expect(a).toEqual({ timeline: 2, logId: 3, segId: 0xfe, segNo: 3n * 256n + 0xfen });
    expect(segmentNameFromSegNo(2, a.segNo)).toBe('0000000200000003000000FE');
  });

  it('steps over log id boundaries', () => {
    expect(nextSegment('0000000100000000000000FF')).toBe('000000010000000100000000');
    expect(prevSegment('000000010000000100000000')).toBe('0000000100000000000000FF');
    expect(prevSegment('000000010000000000000000')).toBeNull();
  });

  it('maps LSNs to segments and back', () => {
    expect(lsnToSegment('0/01E2F300', 1)).toBe('000000010000000000000001');
    expect(lsnToSegment('1/FF000000', 3)).toBe('0000000300000001000000FF');
    expect(segmentStartLsn('000000010000000000000002')).toBe('0/2000000');
    expect(segmentEndLsn('0000000100000000000000FF')).toBe('1/0');
  });

  it('rejects malformed names', () => {
    expect(() => parseSegmentName('00000001000000000000001')).toThrow(/24 upper-case hex/);
    expect(() => parseSegmentName('000000010000000000000100')).toThrow(/does not exist/);
    expect(() => parseSegmentName('0000000100000000000000ff')).toThrow();
    expect(() => parseSegmentName('000000010000000000000001.partial')).toThrow();
  });

  it('lists gaps, which split the restore window', () => {
    const names = sortSegmentNames([
      '000000010000000000000005',
      '000000010000000000000001',
      '000000010000000000000002',
      '0000000100000000000000FF',
      '000000010000000100000001',
    ]);
    expect(listGaps(names)).toEqual([
      {
        timeline: 1,
        firstMissing: '000000010000000000000003',
        lastMissing: '000000010000000000000004',
        missingCount: 2,
        after: '000000010000000000000002',
        before: '000000010000000000000005',
      },
      {
        timeline: 1,
        firstMissing: '000000010000000000000006',
        lastMissing: '0000000100000000000000FE',
        missingCount: 0xfe - 6 + 1,
        after: '000000010000000000000005',
        before: '0000000100000000000000FF',
      },
      {
        timeline: 1,
        firstMissing: '000000010000000100000000',
        lastMissing: '000000010000000100000000',
        missingCount: 1,
        after: '0000000100000000000000FF',
        before: '000000010000000100000001',
      },
    ]);
    expect(listGaps([])).toEqual([]);
    expect(() => listGaps(['000000010000000000000002', '000000010000000000000001'])).toThrow(
      /sorted/,
    );
  });

  it('does not call a timeline switch a gap, but splits pg_waldump runs there', () => {
    // Promotion in segment 3: timeline 2 starts with its own segment 3.
    const names = sortSegmentNames([
      '000000010000000000000002',
      '000000010000000000000003',
      '000000020000000000000003',
      '000000020000000000000004',
    ]);
    expect(listGaps(names)).toEqual([]);
    expect(contiguousRuns(names)).toEqual([
      ['000000010000000000000002', '000000010000000000000003'],
      ['000000020000000000000003', '000000020000000000000004'],
    ]);
    expect(contiguousRuns(['000000010000000000000001', '000000010000000000000003'])).toEqual([
      ['000000010000000000000001'],
      ['000000010000000000000003'],
    ]);
  });
});
