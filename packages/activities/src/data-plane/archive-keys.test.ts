import { describe, expect, it } from 'vitest';
import { relativeKeys, segmentsOfKeys } from './archive-keys';

describe('archive keys', () => {
  it('finds segment names in pgBackRest archive keys', () => {
    const sha = 'a'.repeat(40);
    expect(
      segmentsOfKeys([
        `stanzas/archive/s/15-1/0000000100000000/000000010000000000000003-${sha}.lz4`,
        `stanzas/archive/s/15-1/0000000100000000/000000010000000000000002-${sha}`,
        `stanzas/archive/s/15-1/0000000100000000/000000010000000000000002.00000028.backup`,
        'stanzas/archive/s/15-1/00000002.history',
        'stanzas/archive/s/archive.info',
      ]).sort(),
    ).toEqual(['000000010000000000000002', '000000010000000000000003']);
  });

  it('strips the stanza prefix (and a leading slash) for comparison', () => {
    expect([
      ...relativeKeys(['/stanzas/archive/s/a', 'stanzas/archive/s/b'], 'stanzas/archive/s/'),
    ]).toEqual(['a', 'b']);
  });
});
