import { describe, expect, it } from 'vitest';
import { stackName, stackPaths } from './paths';

describe('stackName', () => {
  it('is the profile unless REWIND_STACK_NAME names a second stack of it', () => {
    expect(stackName('test', {})).toBe('test');
    expect(stackName('test', { REWIND_STACK_NAME: '' })).toBe('test');
    expect(stackName('test', { REWIND_STACK_NAME: 'test-disruptive' })).toBe('test-disruptive');
  });

  it('refuses a name of another profile or one that is not a plain folder name', () => {
    expect(() => stackName('test', { REWIND_STACK_NAME: 'dev' })).toThrow(
      /"test-<lowercase name>"/,
    );
    expect(() => stackName('dev', { REWIND_STACK_NAME: 'test-x' })).toThrow(/REWIND_STACK_NAME/);
    expect(() => stackName('test', { REWIND_STACK_NAME: 'test-../x' })).toThrow();
  });

  it('moves the data dir with it', () => {
    const before = process.env.REWIND_STACK_NAME;
    process.env.REWIND_STACK_NAME = 'test-disruptive';
    try {
      expect(stackPaths('test', '/srv/rw').dataDir).toBe('/srv/rw/.data/test-disruptive');
    } finally {
      if (before === undefined) delete process.env.REWIND_STACK_NAME;
      else process.env.REWIND_STACK_NAME = before;
    }
  });
});
