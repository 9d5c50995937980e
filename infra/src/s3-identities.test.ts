import { describe, expect, it } from 'vitest';
import { REPOSITORY_LOCK_DAYS } from '@rewind/db/seed';
import { s3Identities } from './seaweed';

describe('S3 identities of a region', () => {
  const config = s3Identities({
    bucket: 'rewind-region-a',
    host: { accessKeyId: 'AKHOST', secretAccessKey: 'host-secret' },
    control: { accessKeyId: 'AKCONTROL', secretAccessKey: 'control-secret' },
  });
  const byName = Object.fromEntries(config.identities.map((i) => [i.name, i]));

  it("gives the hosts' key only read, write and list of the repository bucket: no Admin, so no governance bypass", () => {
    expect(byName['rewind-host']!.actions).toEqual([
      'Read:rewind-region-a',
      'Write:rewind-region-a',
      'List:rewind-region-a',
    ]);
    expect(byName['rewind-host']!.credentials).toEqual([
      { accessKey: 'AKHOST', secretKey: 'host-secret' },
    ]);
  });

  it("gives the control plane's key Admin under its own credentials", () => {
    expect(byName['rewind-control']!.actions).toContain('Admin');
    expect(byName['rewind-control']!.credentials).toEqual([
      { accessKey: 'AKCONTROL', secretKey: 'control-secret' },
    ]);
  });

  it('locks repository versions for the longest plan window plus its full-backup interval plus the margin', () => {
    expect(REPOSITORY_LOCK_DAYS).toBe(35 + 7 + 7);
  });
});
