import { describe, expect, it } from 'vitest';
import {
  lastWrittenSegment,
  parseWalPosition,
  openSegment,
  walFlushed,
  unarchivedWalBytes,
  type WalPosition,
} from './wal-position';

const at = (insertLsn: string, lastArchivedWal: string | null = null): WalPosition => ({
  insertLsn,
  flushLsn: insertLsn,
  at: '2026-11-22T10:00:00.000000Z',
  timeline: 1,
  walSegmentSize: 16 * 1024 * 1024,
  walBlockSize: 8192,
  lastArchivedWal,
});
const S3 = '000000010000000000000003';
const S4 = '000000010000000000000004';

describe('WAL position against the archive', () => {
  it('parses psql -At output', () => {
    expect(
      parseWalPosition(
        `0/4000028|2026-11-22T10:00:00.000000Z|00000001|16777216|8192|${S3}|0/4000028\n`,
      ),
    ).toEqual(at('0/4000028', S3));
    expect(
      parseWalPosition('0/4000028|2026-11-22T10:00:00.000000Z|00000001|16777216|8192||0/4000000')
        .lastArchivedWal,
    ).toBeNull();
  });

  it('right after a segment switch the last byte is in the switched segment (the fresh page header is not WAL)', () => {
    expect(lastWrittenSegment(at('0/4000028'))).toBe(S3);
    expect(unarchivedWalBytes(at('0/4000028'), [S3])).toBe(0);
  });

  it('a record in the open segment is unarchived WAL, counted in bytes; an empty fresh page is not', () => {
    expect(lastWrittenSegment(at('0/4000060'))).toBe(S4);
    expect(unarchivedWalBytes(at('0/4000060'), [S3])).toBe(0x60);
    // a page boundary inside the segment: insert position is the page + 24
    expect(lastWrittenSegment(at('0/4002018'))).toBe(S4);
    expect(unarchivedWalBytes(at('0/4002018'), [S3])).toBe(0x2000);
    expect(unarchivedWalBytes(at('0/4000060'), ['000000020000000000000003'])).toBeNull();
  });

  it('knows the open segment and whether every inserted record is on disk', () => {
    expect(openSegment(at('0/4000028'))).toBeNull();
    expect(openSegment(at('0/4000060'))).toBe(S4);
    expect(walFlushed({ ...at('0/4000028'), flushLsn: '0/4000000' })).toBe(true);
    expect(walFlushed({ ...at('0/4000060'), flushLsn: '0/4000040' })).toBe(false);
  });
});
