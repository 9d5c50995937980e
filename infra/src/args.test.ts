import { describe, expect, it } from 'vitest';
import { parseArgs, servicesFor } from './args';

describe('stack CLI arguments', () => {
  it('defaults to the dev profile and the infrastructure services', () => {
    const a = parseArgs(['up'], {});
    expect(a.profile).toBe('dev');
    expect(servicesFor(a)).toEqual([
      'control-pg',
      'region-a',
      'region-b',
      'temporal',
      'prometheus',
      'alertmanager',
    ]);
  });

  it('takes the profile from --profile or REWIND_PROFILE', () => {
    expect(parseArgs(['status'], { REWIND_PROFILE: 'test' }).profile).toBe('test');
    expect(parseArgs(['status', '--profile', 'test'], { REWIND_PROFILE: 'dev' }).profile).toBe(
      'test',
    );
    expect(() => parseArgs(['up', '--profile', 'prod'], {})).toThrow(/unknown profile/);
  });

  it('adds app processes on request and stops everything on down', () => {
    const a = parseArgs(['up', '--with-worker', '--with-web', '--web-mode', 'start'], {});
    expect(servicesFor(a)).toEqual([
      'control-pg',
      'region-a',
      'region-b',
      'temporal',
      'prometheus',
      'alertmanager',
      'worker',
      'web',
    ]);
    expect(a.webMode).toBe('start');
    expect(servicesFor(parseArgs(['down'], {}))).toContain('web');
  });

  it('limits to --only services and rejects unknown ones', () => {
    expect(servicesFor(parseArgs(['down', '--only', 'region-b'], {}))).toEqual(['region-b']);
    expect(servicesFor(parseArgs(['up', '--only=region-a,region-b'], {}))).toEqual([
      'region-a',
      'region-b',
    ]);
    expect(() => parseArgs(['up', '--only', 'redis'], {})).toThrow(/unknown service/);
    expect(() => parseArgs(['restart'], {})).toThrow(/usage/);
  });
});
