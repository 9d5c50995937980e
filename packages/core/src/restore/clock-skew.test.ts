import { describe, expect, it } from 'vitest';
import { clockSkewNote, instanceNow } from './clock-skew';

describe('clock skew', () => {
  it("moves now onto the instance's clock", () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    expect(instanceNow(now, 30_000).toISOString()).toBe('2026-12-01T10:00:30.000Z');
    expect(instanceNow(now, -30_000).toISOString()).toBe('2026-12-01T09:59:30.000Z');
    expect(instanceNow(now, null)).toBe(now);
  });

  it('notes a skew of a second or more, with its side, and keeps quiet below', () => {
    const at = new Date('2026-12-01T10:00:00.000Z');
    expect(clockSkewNote(30_012, at)).toMatch(
      /^this instance's clock is 30\.0 s ahead of the control plane's \(measured 2026-12-01T10:00:00\.000Z\)/,
    );
    expect(clockSkewNote(-1_500, null)).toMatch(/1\.5 s behind the control plane's:/);
    expect(clockSkewNote(999, at)).toBeNull();
    expect(clockSkewNote(null, at)).toBeNull();
  });
});
