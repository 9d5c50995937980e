import { describe, expect, it } from 'vitest';
import { renderPgBackRestConfig } from '../pgbackrest/render-config';
import { retentionFullDaysOf } from './rewrite-pgbackrest-config';

describe('retentionFullDaysOf', () => {
  const region = (name: string) => ({
    name,
    endpoint: 'https://localhost:55316',
    bucket: 'b',
    accessKeyId: 'k',
    secretAccessKey: 's',
  });
  it('reads repo1-retention-full of a rendered config', () => {
    const text = renderPgBackRestConfig({
      stanza: 'inst-1',
      pgdata: '/d/pgdata',
      port: 55401,
      socketDir: '/d/run',
      spoolPath: '/d/spool',
      logPath: '/d/log',
      lockPath: '/d/lock',
      caFile: '/d/ca.crt',
      repos: [
        { region: region('a'), retentionFullDays: 7 },
        { region: region('b'), retentionFullDays: 7 },
      ],
      cipherPass: 'p',
      compressType: 'lz4',
    });
    expect(retentionFullDaysOf(text)).toBe(7);
    expect(retentionFullDaysOf('[global]\n')).toBeNull();
  });
});
