import { describe, expect, it } from 'vitest';
import { INSTANCE_NAME_PATTERN } from './instance-name';

describe('INSTANCE_NAME_PATTERN', () => {
  it('takes 1–40 lower-case letters, digits and dashes, starting with a letter, not ending with a dash', () => {
    for (const ok of ['o', 'orders', 'orders-2', `a${'b'.repeat(39)}`]) expect(INSTANCE_NAME_PATTERN.test(ok), ok).toBe(true);
    for (const bad of ['', '2orders', 'Orders', 'orders-', 'or_ders', `a${'b'.repeat(40)}`, 'ord ers'])
      expect(INSTANCE_NAME_PATTERN.test(bad), bad).toBe(false);
  });
});
