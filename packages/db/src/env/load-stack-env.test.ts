import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStackEnv, parseEnvFile } from './load-stack-env';

const FULL = `
# written by infra
REWIND_PROFILE=dev
REWIND_DATA_DIR=/tmp/x
CONTROL_DATABASE_URL=postgres://a@h/rewind
CONTROL_DATABASE_PLATFORM_URL=postgres://p@h/rewind
CONTROL_DATABASE_OWNER_URL=postgres://o@h/rewind
TEMPORAL_ADDRESS=127.0.0.1:7233
TEMPORAL_UI_PORT=8233
S3_CA_FILE=/tmp/ca.pem
REGION_A_ENDPOINT=https://127.0.0.1:1
REGION_A_BUCKET=aaa
REGION_A_ACCESS_KEY_ID=k
REGION_A_SECRET_ACCESS_KEY=s
REGION_A_CONTROL_ACCESS_KEY_ID=c
REGION_A_CONTROL_SECRET_ACCESS_KEY=cs
REGION_B_ENDPOINT=https://127.0.0.1:2
REGION_B_BUCKET=bbb
REGION_B_ACCESS_KEY_ID=k
REGION_B_SECRET_ACCESS_KEY=s
REGION_B_CONTROL_ACCESS_KEY_ID=c
REGION_B_CONTROL_SECRET_ACCESS_KEY=cs
PG_BIN_DIR=/usr/lib/postgresql/15/bin
PGBACKREST_BIN=/usr/bin/pgbackrest
INSTANCE_PORT_MIN=58000
INSTANCE_PORT_MAX=58099
WEB_PORT="3000"
WEB_URL=http://127.0.0.1:3000
NEXTAUTH_SECRET=${'x'.repeat(40)}
REWIND_SECRET_KEY=${'a'.repeat(64)}
REWIND_METRICS_TOKEN=${'m'.repeat(40)}
WORKER_METRICS_PORT=58006
`;

describe('stack env loading', () => {
  it('parses KEY=value lines, comments, quotes and export', () => {
    expect(parseEnvFile(`# c\nA=1\n\nexport B='two words'\nC="3"\nnot a line\nD=x=y`)).toEqual({
      A: '1',
      B: 'two words',
      C: '3',
      D: 'x=y',
    });
  });

  it('reads the file, lets the environment win, validates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rewind-env-'));
    const file = join(dir, 'stack.env');
    writeFileSync(file, FULL);
    const env = loadStackEnv({ REWIND_STACK_ENV_FILE: file, INSTANCE_PORT_MIN: '58010' });
    expect(env.INSTANCE_PORT_MIN).toBe(58010);
    expect(env.WEB_PORT).toBe(3000);
    expect(env.REWIND_HOST_ID).toBe('host-1');
  });

  it('says what to do when there is no stack', () => {
    expect(() => loadStackEnv({ REWIND_STACK_ENV_FILE: '/nonexistent/stack.env' })).toThrow(
      /bring the stack up/,
    );
  });
});
